using System.Collections;
using EmgSessions.Cli;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Hosting;
using Microsoft.Extensions.Configuration;

namespace EmgSessions.Tests.Hosting;

public sealed class EmgsConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emgs-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Defaults_need_no_set_up()
    {
        var configuration = EmgsConfiguration.Build(null, new Hashtable(), workingDirectory: _directory);

        Assert.Equal("sqlite:./data/emgs.db", configuration.GetSection(DatabaseConnectionOptions.Section).Get<DatabaseConnectionOptions>()?.Connection ?? new DatabaseConnectionOptions().Connection);
        Assert.Equal("http://127.0.0.1:8080", (configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions()).Urls);
        Assert.Equal(Environment.ProcessorCount, (configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions()).Count);
        Assert.Null(configuration[ConfigurationKeys.Storage]);
    }

    [Fact]
    public void Flags_win_over_variables_which_win_over_the_settings_file()
    {
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"),
            """{"Database": {"Connection": "sqlite:/from/file.db"}, "Workers": {"Count": 1, "LeaseSeconds": 7}, "Server": {"Urls": "http://127.0.0.1:1"}}""");
        var environment = new Hashtable
        {
            ["EMGS_DATABASE"] = "sqlite:/from/variable.db",
            ["EMGS_WORKERS"] = "2",
            ["EMGS_Workers__MaxAttempts"] = "9",
            ["EMGS_API_KEYS"] = "k1, k2",
            ["OTHER"] = "ignored",
        };
        var arguments = new ServeSettings { Workers = "3" }.ConfigurationFlags();

        var configuration = EmgsConfiguration.Build(arguments, environment, workingDirectory: _directory);

        Assert.Equal("sqlite:/from/variable.db", configuration[ConfigurationKeys.Database]);
        var workers = configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>()!;
        Assert.Equal(3, workers.Count);
        Assert.Equal(7, workers.LeaseSeconds);
        Assert.Equal(9, workers.MaxAttempts);
        var server = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>()!;
        Assert.Equal(["k1", "k2"], server.ApiKeyList);
        Assert.Equal("http://127.0.0.1:1", server.Urls);
    }

    [Fact]
    public void The_storage_key_flag_wins_over_its_variable()
    {
        var environment = new Hashtable { ["EMGS_STORAGE_KEY"] = "from-variable" };

        var fromVariable = EmgsConfiguration.Build(new StorageSettings().ConfigurationFlags(), environment, workingDirectory: _directory);
        var fromFlag = EmgsConfiguration.Build(new StorageSettings { StorageKey = "from-flag" }.ConfigurationFlags(), environment, workingDirectory: _directory);

        Assert.Equal("from-variable", fromVariable[ConfigurationKeys.StorageKey]);
        Assert.Equal("from-flag", fromFlag[ConfigurationKeys.StorageKey]);
    }

    [Fact]
    public void Overrides_go_on_top_of_flags()
    {
        var arguments = new StoreSettings { Database = "sqlite:/flag.db" }.ConfigurationFlags();

        var configuration = EmgsConfiguration.Build(arguments, new Hashtable(), new Dictionary<string, string?> { [ConfigurationKeys.Database] = "sqlite:/override.db" }, _directory);

        Assert.Equal("sqlite:/override.db", configuration[ConfigurationKeys.Database]);
    }

    [Theory]
    [InlineData("sqlite:./data/emgs.db", true)]
    [InlineData("postgresql://u:p@localhost:5432/db", true)]
    [InlineData("Host=localhost;Database=emgs", true)]
    [InlineData("sqlite:", false)]
    [InlineData("mysql://x", false)]
    [InlineData("", false)]
    public void Database_specs_are_checked_with_a_message(string spec, bool valid)
    {
        var problem = DatabaseConnectionOptions.Check(spec);

        Assert.Equal(valid, problem is null);
        if (!valid)
        {
            Assert.Contains("Database:Connection", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Passwords_are_redacted_from_messages()
    {
        Assert.Equal("postgresql://user:***@db:5432/x", DatabaseConnectionOptions.Redact("postgresql://user:secret@db:5432/x"));
        Assert.Equal("Host=db;Password=***;Database=x", DatabaseConnectionOptions.Redact("Host=db;Password=secret;Database=x"));
    }

    [Fact]
    public void Worker_options_out_of_range_are_named()
    {
        var problems = new WorkerOptions { Count = -1, LeaseSeconds = 0, MaxAttempts = 0 }.Check();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Workers:Count", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Workers:LeaseSeconds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Workers:MaxAttempts", StringComparison.Ordinal));
    }
}
