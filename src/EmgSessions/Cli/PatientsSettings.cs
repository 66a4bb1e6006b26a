using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs patients list|add CODE|assign CODE EMAIL</c>.</summary>
internal sealed class PatientsSettings : StoreSettings
{
    [CommandArgument(0, "[ACTION]")]
    [Description("list, add or assign")]
    public string? Action { get; set; }

    [CommandArgument(1, "[CODE]")]
    [Description("add, assign: the patient code, the first segment of the patient's recordings' paths (P001 …)")]
    public string? Code { get; set; }

    [CommandArgument(2, "[EMAIL]")]
    [Description("assign: the email of the therapist's account")]
    public string? Email { get; set; }

    [CommandOption("--therapist <EMAIL>")]
    [Description("add: assign the patient to the therapist whose account has EMAIL")]
    public string? Therapist { get; set; }

    [CommandOption("--first-name <NAME>")]
    [Description("add: first name")]
    public string? FirstName { get; set; }

    [CommandOption("--last-name <NAME>")]
    [Description("add: last name")]
    public string? LastName { get; set; }

    [CommandOption("--born <DATE>")]
    [Description("add: date of birth, YYYY-MM-DD")]
    public string? Born { get; set; }

    [CommandOption("--treatment-start <DATE>")]
    [Description("add: start of the treatment, YYYY-MM-DD")]
    public string? TreatmentStart { get; set; }

    [CommandOption("--json")]
    [Description("list: print JSON instead of a table")]
    public bool Json { get; set; }
}
