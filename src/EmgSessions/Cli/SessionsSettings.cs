using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs sessions list|show ID</c>.</summary>
internal sealed class SessionsSettings : StorageSettings
{
    [CommandArgument(0, "[ACTION]")]
    [Description("list, or show")]
    public string? Action { get; set; }

    [CommandArgument(1, "[ID]")]
    [Description("for show: the whole id or a unique start of it, as the tables print it")]
    public string? Id { get; set; }

    [CommandOption("--status <S>")]
    [Description("list: pending, processing, completed, failed or reprocessing")]
    public string? Status { get; set; }

    [CommandOption("--patient <P>")]
    [Description("list: the sessions of one patient")]
    public string? Patient { get; set; }

    [CommandOption("--from <DATE>")]
    [Description("list: sessions on or after DATE (2023-03-21 or 2023-03-21T17:50:00Z)")]
    public string? From { get; set; }

    [CommandOption("--to <DATE>")]
    [Description("list: sessions on or before DATE")]
    public string? To { get; set; }

    [CommandOption("--limit <N>")]
    [Description("list: at most N sessions (default 50, at most 10000)")]
    public string? Limit { get; set; }

    [CommandOption("--offset <N>")]
    [Description("list: skip the first N (default 0)")]
    public string? Offset { get; set; }

    [CommandOption("--json")]
    [Description("print JSON instead of a table")]
    public bool Json { get; set; }
}
