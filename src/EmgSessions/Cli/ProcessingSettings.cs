using System.ComponentModel;
using EmgSessions.Hosting;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The options of the verbs that run Phase 2 workers (<c>worker</c>, <c>serve</c>, <c>ingest</c>).</summary>
internal class ProcessingSettings : StorageSettings
{
    /// <summary>Text, not a number: the configuration checks it and names Workers:Count when it is wrong.</summary>
    [CommandOption("--workers <N>")]
    [Description("worker slots (default: processor count; 0 = none)")]
    public string? Workers { get; set; }

    public override Dictionary<string, string?> ConfigurationFlags()
    {
        var flags = base.ConfigurationFlags();
        if (Workers is not null)
        {
            flags[ConfigurationKeys.Workers] = Workers;
        }

        return flags;
    }
}
