using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Cli;

public sealed class SessionsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-sessions-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Tables_print_ids_that_sessions_show_accepts_whole_or_by_a_unique_start()
    {
        // Given two sessions ingested in the same second (UUIDv7 ids: their first characters are the same).
        var input = Path.Combine(_dir, "input");
        Directory.CreateDirectory(input);
        File.Copy(TestFiles.Sample(TestFiles.Ghostly0409), Path.Combine(input, "a.c3d"));
        File.Copy(TestFiles.Sample(TestFiles.Ghostly0881), Path.Combine(input, "b.c3d"));
        var data = Path.Combine(_dir, "data");
        var (ingestCode, ingestTable, ingestError) = await CliRunner.RunAsync("ingest", input, "--data-dir", data, "--workers", "1");
        Assert.True(ingestCode == CliApplication.Success, ingestTable + ingestError);
        var (_, json, _) = await CliRunner.RunAsync("sessions", "list", "--json", "--data-dir", data);
        var ids = JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid().ToString()).ToList();
        Assert.Equal(2, ids.Count);

        // When the tables are printed, then they carry every id whole.
        var (_, listTable, _) = await CliRunner.RunAsync("sessions", "list", "--data-dir", data);
        Assert.All(ids, id => Assert.Contains(id, ingestTable, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains(id, listTable, StringComparison.Ordinal));

        // And show takes a whole id, or a start of one that only one session has; a shared start is refused with the matches.
        var shared = new string([.. ids[0].Zip(ids[1]).TakeWhile(p => p.First == p.Second).Select(p => p.First)]);
        var (wholeCode, whole, _) = await CliRunner.RunAsync("sessions", "show", ids[0], "--data-dir", data);
        var (startCode, start, _) = await CliRunner.RunAsync("sessions", "show", ids[1][..(shared.Length + 3)], "--data-dir", data);
        Assert.Equal(CliApplication.Success, wholeCode);
        Assert.Contains(ids[0], whole, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Success, startCode);
        Assert.Contains(ids[1], start, StringComparison.Ordinal);
        if (shared.Replace("-", string.Empty, StringComparison.Ordinal).Length >= 4)
        {
            var (ambiguousCode, _, ambiguous) = await CliRunner.RunAsync("sessions", "show", shared, "--data-dir", data);
            Assert.Equal(CliApplication.Failure, ambiguousCode);
            Assert.Contains("is the start of several session ids", ambiguous, StringComparison.Ordinal);
            Assert.All(ids, id => Assert.Contains(id, ambiguous, StringComparison.Ordinal));
        }
    }
}
