using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs inspect</c>.</summary>
internal sealed class InspectSettings : CommandSettings
{
    [CommandArgument(0, "[FILE]")]
    [Description("a .c3d file (Intel, DEC or MIPS; float or integer storage)")]
    public string? File { get; set; }

    [CommandOption("--json")]
    [Description("print one JSON object (snake_case keys) instead of the readable summary")]
    public bool Json { get; set; }
}
