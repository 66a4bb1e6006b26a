using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.Testing;
using EmgSessions.Tests.Http;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Cli;

public sealed class SyncCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "emgs-sync-" + Guid.NewGuid().ToString("N"));

    public SyncCommandTests()
    {
        foreach (var stem in TestFiles.GhostlyStems)
        {
            var path = Path.Combine(_root, "storage", "c3d-examples", "P7", "s1", stem + ".c3d");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(TestFiles.Sample(stem), path);
        }

        File.WriteAllBytes(Path.Combine(_root, "storage", "c3d-examples", "P7", "empty.c3d"), []);
        File.WriteAllText(Path.Combine(_root, "storage", "c3d-examples", "readme.txt"), "not a recording");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task One_pass_ingests_the_bucket_and_reports_what_it_could_not_then_a_second_pass_has_nothing_to_do()
    {
        var database = "sqlite:" + Path.Combine(_root, "emgs.db");
        var storage = "local:" + Path.Combine(_root, "storage");

        var first = await EmgsCli.RunAsync("sync", "--database", database, "--storage", storage);
        var second = await EmgsCli.RunAsync("sync", "--database", database, "--storage", storage, "--json");

        Assert.True(first.Code == CliApplication.Success, first.Error);
        Assert.Contains("5 objects listed, 4 without a session: 3 ingested, 1 not ingested; 0 orphaned sessions requeued.", first.Out, StringComparison.Ordinal);
        Assert.Contains("c3d-examples/P7/empty.c3d  empty_file", first.Out, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Success, second.Code);
        using var report = JsonDocument.Parse(second.Out);
        Assert.Equal(1, report.RootElement.GetProperty("unknown").GetInt32());
        Assert.Equal(0, report.RootElement.GetProperty("ingested").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task Works_on_postgresql_too()
    {
        var name = TestPostgres.NewDatabaseName("emgs_sync");
        var database = await WebhookTestServer.CreatePostgresAsync(name);
        try
        {
            var result = await EmgsCli.RunAsync("sync", "--database", database, "--storage", "local:" + Path.Combine(_root, "storage"));

            Assert.True(result.Code == CliApplication.Success, result.Error);
            Assert.Contains("3 ingested", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            await WebhookTestServer.DropPostgresAsync(name);
        }
    }

    [Fact]
    public async Task The_data_dir_holds_the_database_and_the_storage_folder()
    {
        var result = await EmgsCli.RunAsync("sync", "--data-dir", _root);

        Assert.True(result.Code == CliApplication.Success, result.Error);
        Assert.Contains("3 ingested", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "emgs.db")));
    }

    [Fact]
    public async Task The_storage_key_flag_gives_supabase_its_service_key()
    {
        var database = "sqlite:" + Path.Combine(_root, "emgs.db");
        const string Supabase = "supabase:http://127.0.0.1:1";

        var withoutKey = await EmgsCli.RunAsync("sync", "--database", database, "--storage", Supabase);
        var withKey = await EmgsCli.RunAsync("sync", "--database", database, "--storage", Supabase, "--storage-key", "service-key");

        // Without a key the configuration is refused; with one the client is built and finds nothing listening.
        Assert.Equal(CliApplication.UsageError, withoutKey.Code);
        Assert.Contains("--storage-key", withoutKey.Error, StringComparison.Ordinal);
        Assert.True(withKey.Code == CliApplication.Failure, withKey.Out + withKey.Error);
        Assert.Contains("the storage is unavailable", withKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_argument_is_a_usage_error()
    {
        var result = await EmgsCli.RunAsync("sync", "extra");

        Assert.Equal(CliApplication.UsageError, result.Code);
        Assert.Contains("Unexpected argument 'extra'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_storage_spec_is_a_usage_error_with_its_reason()
    {
        var result = await EmgsCli.RunAsync("sync", "--database", "sqlite:" + Path.Combine(_root, "emgs.db"), "--storage", "s3://nope");

        Assert.Equal(CliApplication.UsageError, result.Code);
        Assert.Contains("Storage", result.Error, StringComparison.Ordinal);
    }
}
