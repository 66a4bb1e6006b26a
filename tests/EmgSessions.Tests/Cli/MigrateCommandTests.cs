using EmgSessions.Cli;

namespace EmgSessions.Tests.Cli;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "emgs-migrate-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Status_lists_every_migration_as_pending_then_applied_after_a_migrate()
    {
        var db = $"sqlite:{_folder}/emgs.db";

        var (code, output, _) = await EmgsCli.RunAsync("migrate", "--database", db, "--status");
        Assert.Equal(CliApplication.Success, code);
        Assert.Equal(13, output.Split('\n').Count(l => l.TrimEnd().EndsWith("pending", StringComparison.Ordinal)));
        Assert.Contains("020      database_schema_separation_final", output, StringComparison.Ordinal);

        (code, output, _) = await EmgsCli.RunAsync("migrate", "--database", db);
        Assert.Equal(CliApplication.Success, code);
        Assert.Contains("Applied 010_therapy_sessions", output, StringComparison.Ordinal);
        Assert.Contains("Applied 030_processing_jobs", output, StringComparison.Ordinal);
        Assert.Contains("Applied 031_webhook_deliveries", output, StringComparison.Ordinal);
        Assert.Contains("Applied 050_people", output, StringComparison.Ordinal);

        (code, output, _) = await EmgsCli.RunAsync("migrate", "--database", db);
        Assert.Equal(CliApplication.Success, code);
        Assert.Contains("is up to date", output, StringComparison.Ordinal);

        (code, output, _) = await EmgsCli.RunAsync("migrate", "--database", db, "--status");
        Assert.Equal(CliApplication.Success, code);
        Assert.DoesNotContain("pending", output, StringComparison.Ordinal);
        Assert.Contains("Adopted: fresh (", output, StringComparison.Ordinal);
        // Applied a moment ago: today, or yesterday when the run crossed midnight (UTC) since.
        var days = new[] { DateTime.UtcNow, DateTime.UtcNow.AddDays(-1) }.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(days.Any(d => output.Contains(d, StringComparison.Ordinal)), $"the adoption date is neither of {string.Join(", ", days)}: {output}");
    }

    [Fact]
    public async Task A_dry_run_prints_the_plan_and_creates_nothing()
    {
        var db = $"sqlite:{_folder}/emgs.db";

        var (code, output, error) = await EmgsCli.RunAsync("migrate", "--database", db, "--dry-run");

        Assert.True(code == CliApplication.Success, output + error);
        Assert.Contains("Found: fresh", output, StringComparison.Ordinal);
        Assert.Contains("  032_predecessor_types_and_privileges", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed (dry run).", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "emgs.db")));
    }

    [Fact]
    public async Task A_database_of_no_known_shape_ends_the_verb_with_one_line_and_a_failure_code()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "odd.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE therapy_sessions (id TEXT PRIMARY KEY, note TEXT)";
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var (code, _, error) = await EmgsCli.RunAsync("migrate", "--database", "sqlite:" + path);
        var (listCode, _, listError) = await EmgsCli.RunAsync("sessions", "list", "--database", "sqlite:" + path);
        var (serveCode, _, serveError) = await EmgsCli.RunAsync("serve", "--database", "sqlite:" + path, "--urls", "http://127.0.0.1:0", "--workers", "0");

        Assert.Equal(CliApplication.Failure, code);
        Assert.StartsWith("emgs migrate: therapy_sessions exists but matches no known shape", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.NotEqual(CliApplication.Success, listCode);
        Assert.DoesNotContain("   at ", listError, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Failure, serveCode);
        Assert.StartsWith("emgs serve: the database could not be migrated: therapy_sessions exists but matches no known shape", serveError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", serveError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_dir_puts_the_database_under_it_like_the_other_verbs()
    {
        var (code, output, error) = await EmgsCli.RunAsync("migrate", "--data-dir", _folder);

        Assert.True(code == CliApplication.Success, output + error);
        Assert.Contains("Applied 031_webhook_deliveries", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "emgs.db"), output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "emgs.db")));
    }

    [Fact]
    public async Task A_database_flag_wins_over_the_data_dir()
    {
        var elsewhere = Path.Combine(_folder, "elsewhere", "x.db");

        var (code, _, error) = await EmgsCli.RunAsync("migrate", "--data-dir", _folder, "--database", "sqlite:" + elsewhere);

        Assert.True(code == CliApplication.Success, error);
        Assert.True(File.Exists(elsewhere));
        Assert.False(File.Exists(Path.Combine(_folder, "emgs.db")));
    }

    [Fact]
    public async Task A_database_spec_of_no_known_form_is_a_usage_error()
    {
        var (code, _, error) = await EmgsCli.RunAsync("migrate", "--database", "mysql://nope");

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Contains("Unknown database spec", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgresql_fails_with_a_clear_message()
    {
        var (code, _, error) = await EmgsCli.RunAsync("migrate", "--database", "postgresql://postgres@127.0.0.1:1/emgs");

        Assert.Equal(CliApplication.Failure, code);
        Assert.Contains("the database is unavailable", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

}
