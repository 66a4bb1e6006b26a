using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The options of <c>emgs demo</c>.</summary>
internal sealed class DemoSettings : StorageSettings
{
    [CommandOption("--count <N>")]
    [Description("recordings to make (default 6, at most 200)")]
    public string? Count { get; set; }

    [CommandOption("--seed <S>")]
    [Description("first random seed (default 1); the same seed makes the same files")]
    public string? Seed { get; set; }

    [CommandOption("--verbose")]
    [Description("log what the phases do")]
    public bool Verbose { get; set; }
}
