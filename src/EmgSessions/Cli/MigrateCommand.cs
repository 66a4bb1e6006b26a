using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations;
using EmgSessions.Core.Stores;
using EmgSessions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs migrate [--database SPEC] [--data-dir DIR] [--status | --dry-run]</c>: applies the pending migrations (adopting a
/// predecessor database), lists every migration with its applied time or <c>pending</c> and the adopted shape, or prints
/// the plan (shape found, adoption steps, migrations, what moves) without changing anything. The database comes
/// from the same configuration layers as the other verbs (appsettings.json, <c>EMGS_*</c> variables, flags).
/// </summary>
internal sealed class MigrateCommand(CliConsole console) : CliCommand<MigrateSettings>(console)
{
    protected override async Task<int> RunAsync(MigrateSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        var configuration = settings.Configuration();
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
            if (settings.Status)
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

                var adoption = await runner.GetAdoptionAsync(cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync(adoption is null
                    ? "Adopted: nothing recorded (migrated before adoption was recorded, or not migrated yet)"
                    : $"Adopted: {adoption.State} ({adoption.Description}) on {adoption.AdoptedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}, baseline {adoption.Baseline:000}").ConfigureAwait(false);
                foreach (var count in adoption?.Counts ?? [])
                {
                    await console.Out.WriteLineAsync($"  {count.Count,8}  {count.Label}").ConfigureAwait(false);
                }

                return states.Any(s => !s.ChecksumMatches) ? CliApplication.Failure : CliApplication.Success;
            }

            if (settings.DryRun)
            {
                await WritePreviewAsync(console, options, await runner.PreviewAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                return CliApplication.Success;
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
        catch (System.Data.Common.DbException e)
        {
            await console.Error.WriteLineAsync($"emgs migrate: the database refused a statement: {e.Message}").ConfigureAwait(false);
            return CliApplication.Failure;
        }
    }

    private static async Task WritePreviewAsync(CliConsole console, DatabaseOptions options, MigrationPreview preview)
    {
        var o = console.Out;
        await o.WriteLineAsync($"Database: {options.Describe()}").ConfigureAwait(false);
        await o.WriteLineAsync($"Found: {preview.State} — {preview.Description}").ConfigureAwait(false);
        if (preview.Baseline is { } baseline)
        {
            await o.WriteLineAsync($"Baseline: migrations up to {baseline:000} are recorded as applied without running (the database already has them)").ConfigureAwait(false);
        }

        await o.WriteLineAsync(preview.Steps.Count == 0 ? "Adoption steps: none" : "Adoption steps (first, in the same transaction):").ConfigureAwait(false);
        foreach (var step in preview.Steps)
        {
            await o.WriteLineAsync($"  - {step}").ConfigureAwait(false);
        }

        await o.WriteLineAsync(preview.Pending.Count == 0 ? "Migrations to apply: none (up to date)" : "Migrations to apply:").ConfigureAwait(false);
        foreach (var migration in preview.Pending)
        {
            await o.WriteLineAsync($"  {migration.Version:000}_{migration.Name}").ConfigureAwait(false);
        }

        if (preview.Counts.Count > 0)
        {
            await o.WriteLineAsync("What moves or is kept:").ConfigureAwait(false);
            foreach (var count in preview.Counts)
            {
                await o.WriteLineAsync($"  {count.Count,8}  {count.Label}").ConfigureAwait(false);
            }
        }

        await o.WriteLineAsync("Nothing was changed (dry run).").ConfigureAwait(false);
    }
}
