using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs inputs SESSION [--rpe N] [--game A/M] [--bfr P]</c>.</summary>
internal sealed class InputsSettings : StoreSettings
{
    [CommandArgument(0, "<SESSION>")]
    [Description("the session: its id or a unique start of it")]
    public string Session { get; set; } = string.Empty;

    [CommandOption("--rpe <N>")]
    [Description("Borg CR10 rating after the session, 0-10")]
    public string? Rpe { get; set; }

    [CommandOption("--game <A/M>")]
    [Description("game points achieved / maximum, e.g. 850/1000")]
    public string? Game { get; set; }

    [CommandOption("--bfr <P>")]
    [Description("blood-flow-restriction pressure, % of arterial occlusion pressure (safe: 45-55)")]
    public string? Bfr { get; set; }

    [CommandOption("--bfr-left <P>")]
    [Description("BFR pressure of the left cuff, % AOP")]
    public string? BfrLeft { get; set; }

    [CommandOption("--bfr-right <P>")]
    [Description("BFR pressure of the right cuff, % AOP")]
    public string? BfrRight { get; set; }

    [CommandOption("--json")]
    [Description("print the new score object")]
    public bool Json { get; set; }
}
