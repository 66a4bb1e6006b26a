using System.Collections;
using Microsoft.Extensions.Configuration;

namespace EmgSessions.Hosting;

/// <summary>Builds the configuration of one <c>emgs</c> run from files, environment variables and flags (flags win).</summary>
internal static class EmgsConfiguration
{
    public const string FileName = "appsettings.json";
    public const string EnvironmentPrefix = "EMGS_";

    /// <summary>
    /// The layered configuration. <paramref name="environment"/> defaults to the process environment;
    /// <paramref name="flags"/> are the values the command line set (configuration key → value, e.g. from
    /// <c>StoreSettings.ConfigurationFlags</c>); <paramref name="overrides"/> (configuration paths) go on top of everything, for tests and verbs like <c>demo</c>.
    /// </summary>
    public static IConfigurationRoot Build(
        IReadOnlyDictionary<string, string?>? flags,
        IDictionary? environment = null,
        IReadOnlyDictionary<string, string?>? overrides = null,
        string? workingDirectory = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        workingDirectory ??= Directory.GetCurrentDirectory();
        var builder = new ConfigurationBuilder();

        var besideExecutable = Path.Combine(AppContext.BaseDirectory, FileName);
        var inWorkingDirectory = Path.Combine(workingDirectory, FileName);
        builder.AddJsonFile(besideExecutable, optional: true, reloadOnChange: false);
        if (!string.Equals(Path.GetFullPath(besideExecutable), Path.GetFullPath(inWorkingDirectory), StringComparison.Ordinal))
        {
            builder.AddJsonFile(inWorkingDirectory, optional: true, reloadOnChange: false);
        }

        // EMGS_Workers__LeaseSeconds=5 → Workers:LeaseSeconds; the short names are mapped below.
        var prefixed = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var shortNames = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || entry.Value is not string value || !name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (ConfigurationKeys.EnvironmentVariables.TryGetValue(name, out var key))
            {
                shortNames[key] = value;
            }
            else if (name.Contains("__", StringComparison.Ordinal))
            {
                prefixed[name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        builder.AddInMemoryCollection(prefixed);
        builder.AddInMemoryCollection(shortNames);

        if (flags is not null)
        {
            builder.AddInMemoryCollection(flags);
        }

        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }
}
