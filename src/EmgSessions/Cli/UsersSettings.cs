using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The arguments of <c>emgs users add|list|disable|enable|reset-password</c>.</summary>
internal sealed class UsersSettings : StoreSettings
{
    [CommandArgument(0, "[ACTION]")]
    [Description("add, list, disable, enable or reset-password")]
    public string? Action { get; set; }

    [CommandArgument(1, "[EMAIL]")]
    [Description("the account's email (all actions but list)")]
    public string? Email { get; set; }

    [CommandOption("--role <ROLE>")]
    [Description("add: admin, therapist or researcher")]
    public string? Role { get; set; }

    [CommandOption("--password-stdin")]
    [Description("add, reset-password: read the password (at least 12 characters) from standard input instead of printing a one-time password")]
    public bool PasswordStdin { get; set; }

    [CommandOption("--first-name <NAME>")]
    [Description("add, therapist: the first name of the therapist row made for the account (default: the email's local part)")]
    public string? FirstName { get; set; }

    [CommandOption("--last-name <NAME>")]
    [Description("add, therapist: the last name of that therapist row")]
    public string? LastName { get; set; }

    [CommandOption("--json")]
    [Description("list: print JSON instead of a table")]
    public bool Json { get; set; }
}
