using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The options of <c>emgs sync</c>.</summary>
internal sealed class SyncSettings : StorageSettings
{
    [CommandOption("--json")]
    [Description("print the pass report as JSON")]
    public bool Json { get; set; }

    [CommandOption("--verbose")]
    [Description("log what the pass does")]
    public bool Verbose { get; set; }
}
