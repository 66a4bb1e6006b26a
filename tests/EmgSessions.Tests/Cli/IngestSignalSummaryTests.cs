using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.Core.Database;
using EmgSessions.Core.Signals;
using EmgSessions.Testing;
using EmgSessions.Testing.Databases;

namespace EmgSessions.Tests.Cli;

/// <summary><c>emgs ingest</c> ends with its recordings' signal summaries stored (the jobs Phase 2 enqueued ended), on both databases.</summary>
public abstract class IngestSignalSummaryTests(DatabaseEngine engine) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-ingest-signals-").FullName;
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(engine, "emgs_ingest_signals");

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        TestDatabase.DeleteSqliteFolder(_dir);
    }

    [Fact]
    public async Task Ingest_returns_once_the_summaries_of_its_recordings_are_stored()
    {
        var data = Path.Combine(_dir, "data");
        string[] stems = [TestFiles.Ghostly0881, TestFiles.Ghostly0409];

        var (code, output, error) = await CliRunner.RunAsync(
            "ingest", TestFiles.Sample(stems[0]), TestFiles.Sample(stems[1]), "--data-dir", data, "--database", _database.Spec, "--json", "--workers", "2");

        Assert.True(code == CliApplication.Success, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.All(json.RootElement.GetProperty("files").EnumerateArray(), f => Assert.Equal("completed", f.GetProperty("status").GetString()));
        var expected = stems.Select(s => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestFiles.Sample(s)))) + ".ems").Order(StringComparer.Ordinal);
        Assert.Equal(expected, Directory.GetFiles(Path.Combine(data, "signals")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var jobs = await TestDatabaseSql.QueryAsync(_database.Spec, $"SELECT state, count(*) FROM jobs WHERE kind = '{SignalSummaryJobs.Kind}' GROUP BY state");
        var (state, count) = Assert.Single(jobs.Select(r => ((string)r[0]!, Convert.ToInt64(r[1], CultureInfo.InvariantCulture))));
        Assert.Equal(("succeeded", 2L), (state, count));
    }
}

public sealed class SqliteIngestSignalSummaryTests() : IngestSignalSummaryTests(DatabaseEngine.Sqlite);

public sealed class PostgresIngestSignalSummaryTests() : IngestSignalSummaryTests(DatabaseEngine.Postgres);
