using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The options of <c>emgs migrate</c>.</summary>
internal sealed class MigrateSettings : StoreSettings
{
    [CommandOption("--status")]
    [Description("list the migrations (version, name, applied_at or pending) and the adopted shape, without applying anything")]
    public bool Status { get; set; }

    [CommandOption("--dry-run")]
    [Description("print what would be done (shape found, adoption steps, migrations, what moves or is kept) without changing anything")]
    public bool DryRun { get; set; }
}
