using EmgSessions.Cli;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>What the verbs that open the database share: the data folder's defaults, a host builder, and clear messages for configuration trouble.</summary>
internal static class CommandHost
{
    /// <summary>
    /// Configuration overrides for <c>--data-dir DIR</c>: the SQLite file, the storage folder and the spool under DIR,
    /// unless <c>--database</c> / <c>--storage</c> say otherwise. Empty without the option.
    /// </summary>
    public static Dictionary<string, string?> DataDirectoryOverrides(StoreSettings settings, string? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if ((settings.DataDirectory ?? fallback) is not { } directory)
        {
            return overrides;
        }

        var full = Path.GetFullPath(directory);
        overrides["Ingestion:SpoolDirectory"] = Path.Combine(full, "spool");
        if (settings.Database is null)
        {
            overrides[ConfigurationKeys.Database] = "sqlite:" + Path.Combine(full, "emgs.db");
        }

        if ((settings as StorageSettings)?.Storage is null)
        {
            overrides[ConfigurationKeys.Storage] = "local:" + Path.Combine(full, "storage");
        }

        return overrides;
    }

    /// <summary>A generic host (no web server) on <paramref name="configuration"/>; logs below <paramref name="minimumLevel"/> are dropped.</summary>
    public static HostApplicationBuilder CreateBuilder(IConfiguration configuration, LogLevel minimumLevel)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            ApplicationName = "emgs",
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.AddEmgsLogging(logging => logging.SetMinimumLevel(minimumLevel));
        return builder;
    }

    /// <summary>Runs a verb's body, turning configuration and database trouble into one clear line and an exit code.</summary>
    public static async Task<int> GuardAsync(string verb, CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (EmgsConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"emgs {verb}: {ex.Message}").ConfigureAwait(false);
            return CliApplication.UsageError;
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync($"emgs {verb}: invalid configuration: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return CliApplication.UsageError;
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            await console.Error.WriteLineAsync($"emgs {verb}: cannot listen: {ex.Message}").ConfigureAwait(false);
            return CliApplication.Failure;
        }
        catch (DatabaseUnavailableException ex)
        {
            await console.Error.WriteLineAsync($"emgs {verb}: the database is unavailable: {ex.Message}").ConfigureAwait(false);
            return CliApplication.Failure;
        }
        catch (EmgSessions.Core.Migrations.MigrationException ex)
        {
            await console.Error.WriteLineAsync($"emgs {verb}: the database could not be migrated: {ex.Message} (`emgs migrate --dry-run` shows the plan)").ConfigureAwait(false);
            return CliApplication.Failure;
        }
        catch (System.Data.Common.DbException ex)
        {
            await console.Error.WriteLineAsync($"emgs {verb}: the database refused a statement: {ex.Message} (`emgs migrate --status` shows whether the schema is current)").ConfigureAwait(false);
            return CliApplication.Failure;
        }
    }
}
