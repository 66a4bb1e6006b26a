using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs export session ID -o DIR</c> and <c>emgs export sessions --format csv|parquet -o FILE [filters]</c>.</summary>
internal sealed class ExportSettings : StorageSettings
{
    [CommandArgument(0, "[WHAT]")]
    [Description("session (one session's files), or sessions (the cohort table)")]
    public string? What { get; set; }

    [CommandArgument(1, "[ID]")]
    [Description("for session: the whole id or a unique start of it")]
    public string? Id { get; set; }

    [CommandOption("-o|--output <PATH>")]
    [Description("session: the folder to write into; sessions: the file to write")]
    public string? Output { get; set; }

    [CommandOption("--format <F>")]
    [Description("sessions: csv or parquet")]
    public string? Format { get; set; }

    [CommandOption("--status <S>")]
    [Description("sessions: pending, processing, completed, failed or reprocessing")]
    public string? Status { get; set; }

    [CommandOption("--patient <P>")]
    [Description("sessions: the sessions of one patient")]
    public string? Patient { get; set; }

    [CommandOption("--from <DATE>")]
    [Description("sessions: sessions on or after DATE (2023-03-21 or 2023-03-21T17:50:00Z)")]
    public string? From { get; set; }

    [CommandOption("--to <DATE>")]
    [Description("sessions: sessions on or before DATE")]
    public string? To { get; set; }
}
