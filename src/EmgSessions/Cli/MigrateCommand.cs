using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations;
using EmgSessions.Core.Stores;
using EmgSessions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs migrate [--database SPEC] [--data-dir DIR] [--status]</c>: applies the pending migrations (adopting a
/// predecessor database), or lists every migration with its applied time or <c>pending</c>. The database comes
/// from the same configuration layers as the other verbs (appsettings.json, <c>EMGS_*</c> variables, flags).
/// </summary>
internal sealed class MigrateCommand : ICliCommand
{
    public string Name => "migrate";

    public string Summary => "Apply the database migrations (or list them with --status).";

    public string Usage =>
        "Usage: emgs migrate [--database SPEC] [--data-dir DIR] [--status]\n" +
        "  --database SPEC   sqlite:PATH (default sqlite:./data/emgs.db), postgresql://user:pass@host:port/db or Npgsql keywords;\n" +
        "                    else EMGS_DATABASE, else Database:Connection of appsettings.json\n" +
        "  --data-dir DIR    the SQLite file under DIR (unless --database says otherwise)\n" +
        "  --status          list the migrations (version, name, applied_at or pending) without applying anything";

    public IReadOnlyCollection<string> Flags { get; } = ["status"];

    public IReadOnlyCollection<string> ValueOptions { get; } = ["database", "data-dir"];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(console);
        if (arguments.Positionals.Count > 0)
        {
            throw new CliUsageException($"Unexpected argument '{arguments.Positionals[0]}'.");
        }

        var configuration = EmgsConfiguration.Build(arguments, overrides: CommandHost.DataDirectoryOverrides(arguments));
        var spec = configuration[ConfigurationKeys.Database] ?? DatabaseConnectionOptions.DefaultConnection;
        DatabaseOptions options;
        try
        {
            options = DatabaseOptions.Parse(spec);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        await using var runner = SessionStoreFactory.CreateMigrationRunner(options, NullLoggerFactory.Instance);
        try
        {
            if (arguments.Flag("status"))
            {
                var states = await runner.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Database: {options.Describe()}").ConfigureAwait(false);
                await console.Out.WriteLineAsync("version  name                                  applied_at").ConfigureAwait(false);
                foreach (var state in states)
                {
                    var applied = state.AppliedAt is { } at ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "pending";
                    var flag = state.ChecksumMatches ? string.Empty : "  CHECKSUM CHANGED";
                    await console.Out.WriteLineAsync($"{state.Version:000}      {state.Name,-37} {applied}{flag}").ConfigureAwait(false);
                }

                return states.Any(s => !s.ChecksumMatches) ? CliApplication.Failure : CliApplication.Success;
            }

            var appliedNow = await runner.ApplyAsync(cancellationToken).ConfigureAwait(false);
            foreach (var state in appliedNow)
            {
                await console.Out.WriteLineAsync($"Applied {state.Version:000}_{state.Name}").ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync(appliedNow.Count == 0
                ? $"Database {options.Describe()} is up to date."
                : $"Database {options.Describe()} migrated ({appliedNow.Count} applied).").ConfigureAwait(false);
            return CliApplication.Success;
        }
        catch (MigrationException e)
        {
            await console.Error.WriteLineAsync($"emgs migrate: {e.Message}").ConfigureAwait(false);
            return CliApplication.Failure;
        }
        catch (DatabaseUnavailableException e)
        {
            await console.Error.WriteLineAsync($"emgs migrate: the database is unavailable: {e.Message}").ConfigureAwait(false);
            return CliApplication.Failure;
        }
    }
}
