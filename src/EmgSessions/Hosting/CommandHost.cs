using EmgSessions.Cli;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>What the verbs that open the database share: the flags, a host builder, and clear messages for configuration trouble.</summary>
internal static class CommandHost
{
    /// <summary>Value options every database verb accepts.</summary>
    public static IReadOnlyCollection<string> StoreFlags { get; } = ["database", "storage", "storage-key", "data-dir"];

    public const string StoreUsage =
        "  --database SPEC   sqlite:PATH (default sqlite:./data/emgs.db), postgresql://user:pass@host:port/db or Host=...;Database=...\n" +
        "  --storage SPEC    local:DIR (default local:./data/storage) or supabase:https://<project>.supabase.co (key in EMGS_STORAGE_KEY)\n" +
        "  --storage-key KEY the Supabase service key; prefer EMGS_STORAGE_KEY, as a command line is visible to other local users\n" +
        "  --data-dir DIR    put the SQLite file, the storage folder and the spool under DIR (unless --database/--storage say otherwise)";

    /// <summary>
    /// Configuration overrides for <c>--data-dir DIR</c>: the SQLite file, the storage folder and the spool under DIR,
    /// unless <c>--database</c> / <c>--storage</c> say otherwise. Empty without the option.
    /// </summary>
    public static Dictionary<string, string?> DataDirectoryOverrides(CliArguments arguments, string? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if ((arguments.Value("data-dir") ?? fallback) is not { } directory)
        {
            return overrides;
        }

        var full = Path.GetFullPath(directory);
        overrides["Ingestion:SpoolDirectory"] = Path.Combine(full, "spool");
        if (arguments.Value("database") is null)
        {
            overrides[ConfigurationKeys.Database] = "sqlite:" + Path.Combine(full, "emgs.db");
        }

        if (arguments.Value("storage") is null)
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
