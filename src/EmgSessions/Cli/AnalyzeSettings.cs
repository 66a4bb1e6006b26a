using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs analyze</c>. Numbers stay text here: <see cref="AnalyzeCommand"/> reads them with messages that name the option.</summary>
internal sealed class AnalyzeSettings : CommandSettings
{
    [CommandArgument(0, "[FILE]")]
    [Description("a .c3d recording")]
    public string? File { get; set; }

    [CommandOption("--json")]
    [Description("print {metadata, analytics, available_channels} as JSON")]
    public bool Json { get; set; }

    [CommandOption("--threshold-factor <F>")]
    [Description("detection threshold, fraction of the smoothed peak, (0, 1]] (default 0.2)")]
    public string? ThresholdFactor { get; set; }

    [CommandOption("--min-duration-ms <N>")]
    [Description("minimum contraction length in ms (default 100)")]
    public string? MinDurationMs { get; set; }

    [CommandOption("--smoothing-window <N>")]
    [Description("detection smoothing in samples (default 100)")]
    public string? SmoothingWindow { get; set; }

    [CommandOption("--mvc-value <V>")]
    [Description("global MVC in volts (session_mvc_value)")]
    public string? MvcValue { get; set; }

    [CommandOption("--mvc <CH=V>")]
    [Description("MVC of one channel in volts (repeatable)")]
    public string[] Mvc { get; set; } = [];

    [CommandOption("--mvc-percentage <P>")]
    [Description("global MVC threshold in % (default 75)")]
    public string? MvcPercentage { get; set; }

    [CommandOption("--mvc-percentages <CH=P>")]
    [Description("MVC threshold % of one channel (repeatable)")]
    public string[] MvcPercentages { get; set; } = [];

    [CommandOption("--duration-threshold-ms <MS>")]
    [Description("global duration threshold in ms (default 2000)")]
    public string? DurationThresholdMs { get; set; }

    [CommandOption("--duration-threshold <CH=S>")]
    [Description("duration threshold of one channel in SECONDS (repeatable)")]
    public string[] DurationThreshold { get; set; } = [];

    [CommandOption("--expected-contractions <N>")]
    [Description("expected contractions per channel")]
    public string? ExpectedContractions { get; set; }

    [CommandOption("--expected-contractions-ch1 <N>")]
    [Description("... for the first channel")]
    public string? ExpectedContractionsCh1 { get; set; }

    [CommandOption("--expected-contractions-ch2 <N>")]
    [Description("... for the second channel")]
    public string? ExpectedContractionsCh2 { get; set; }

    [CommandOption("--channels <A,B>")]
    [Description("analyse exactly these channels (labels or base names), even if their unit or label says they are not EMG; by default force, moment, angle and motion channels (N, N·mm, deg, FX1, Acc_1 :X, …) are skipped")]
    public string? Channels { get; set; }

    [CommandOption("--options-json <FILE>")]
    [Description("options as a JSON object with the spec's names (flags override it)")]
    public string? OptionsJson { get; set; }
}
