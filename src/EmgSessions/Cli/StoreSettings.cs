using System.ComponentModel;
using EmgSessions.Hosting;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The options of every verb that opens the database: where it is, and the data folder the defaults live in.</summary>
internal class StoreSettings : CommandSettings
{
    [CommandOption("--database <SPEC>")]
    [Description("sqlite:PATH (default sqlite:./data/emgs.db), postgresql://user:pass@host:port/db or Host=...;Database=...; else EMGS_DATABASE, else Database:Connection of appsettings.json")]
    public string? Database { get; set; }

    [CommandOption("--data-dir <DIR>")]
    [Description("put the SQLite file, the storage folder and the spool under DIR (unless --database/--storage say otherwise)")]
    public string? DataDirectory { get; set; }

    /// <summary>The configuration values these options set (configuration key → value), for <see cref="EmgsConfiguration"/>.</summary>
    public virtual Dictionary<string, string?> ConfigurationFlags()
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (Database is not null)
        {
            flags[ConfigurationKeys.Database] = Database;
        }

        return flags;
    }

    /// <summary>The configuration of this run: files, environment, these options, and the data folder's defaults on top.</summary>
    public Microsoft.Extensions.Configuration.IConfigurationRoot Configuration(string? dataDirectoryFallback = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var overrides = CommandHost.DataDirectoryOverrides(this, dataDirectoryFallback);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        return EmgsConfiguration.Build(ConfigurationFlags(), overrides: overrides);
    }
}
