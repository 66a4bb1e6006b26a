using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs progress PATIENT [--treatment-start DATE] [--json]</c>.</summary>
internal sealed class ProgressSettings : StoreSettings
{
    [CommandArgument(0, "<PATIENT>")]
    [Description("the patient code, e.g. P005 (the first segment of the recordings' paths)")]
    public string Patient { get; set; } = string.Empty;

    [CommandOption("--treatment-start <DATE>")]
    [Description("first day of treatment, YYYY-MM-DD (default: the patient record's treatment start, else the date of the patient's first session)")]
    public string? TreatmentStart { get; set; }

    [CommandOption("--json")]
    [Description("print the progress object: sessions, adherence, trends, alerts")]
    public bool Json { get; set; }
}
