using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs bench</c>.</summary>
internal sealed class BenchSettings : CommandSettings
{
    [CommandArgument(0, "[FILE]")]
    [Description("one or more .c3d recordings")]
    public string[] Files { get; set; } = [];

    [CommandOption("--json")]
    [Description("print {\"cores\", \"files\": [[{\"file\", \"bytes\", \"read_ms\", \"analyze_ms\"}]]}")]
    public bool Json { get; set; }

    [CommandOption("--iterations <N>")]
    [Description("timed runs per file after the warm-up (default 21)")]
    public string? Iterations { get; set; }

    [CommandOption("--cores <N>")]
    [Description("pin emgs to N CPUs while measuring (Linux); 1 = single-threaded analysis on one core (default: every CPU, analysis in parallel)")]
    public string? Cores { get; set; }
}
