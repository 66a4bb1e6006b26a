using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs scores</c>. The scores of stored sessions (emgs scores SESSION) need score storage, which is not there yet: use --calc.</summary>
internal sealed class ScoresSettings : CommandSettings
{
    [CommandArgument(0, "[FILE]")]
    [Description("a .c3d recording: its EMG analysis (ghostly-v1, default options) gives the counts, CH1 left, CH2 right")]
    public string? File { get; set; }

    [CommandOption("--calc")]
    [Description("compute the scores without a database (the only mode for now)")]
    public bool Calc { get; set; }

    [CommandOption("--left <T/M/D>")]
    [Description("left counts: total / MVC / duration contractions (replaces the file's)")]
    public string? Left { get; set; }

    [CommandOption("--right <T/M/D>")]
    [Description("right counts, as --left")]
    public string? Right { get; set; }

    [CommandOption("--expected <N>")]
    [Description("expected contractions per side (default: the recording's THERAPY targets, else 12)")]
    public string? Expected { get; set; }

    [CommandOption("--rpe <N>")]
    [Description("Borg CR10 rating after the session, 0-10")]
    public string? Rpe { get; set; }

    [CommandOption("--game <A/M>")]
    [Description("game points achieved / maximum")]
    public string? Game { get; set; }

    [CommandOption("--bfr <P>")]
    [Description("blood-flow-restriction pressure, % of arterial occlusion pressure (safe: 45-55)")]
    public string? Bfr { get; set; }

    [CommandOption("--profile <NAME>")]
    [Description("ghostly-trial (default) or ghostly-v1")]
    public string? Profile { get; set; }

    [CommandOption("--json")]
    [Description("print the score object (scoring.md §4)")]
    public bool Json { get; set; }
}
