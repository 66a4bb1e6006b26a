using System.ComponentModel;
using EmgSessions.Hosting;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The options of the verbs that open the database and the object storage.</summary>
internal class StorageSettings : StoreSettings
{
    [CommandOption("--storage <SPEC>")]
    [Description("local:DIR (default local:./data/storage) or supabase:https://<project>.supabase.co (key in EMGS_STORAGE_KEY)")]
    public string? Storage { get; set; }

    [CommandOption("--storage-key <KEY>")]
    [Description("the Supabase service key; prefer EMGS_STORAGE_KEY, as a command line is visible to other local users")]
    public string? StorageKey { get; set; }

    public override Dictionary<string, string?> ConfigurationFlags()
    {
        var flags = base.ConfigurationFlags();
        if (Storage is not null)
        {
            flags[ConfigurationKeys.Storage] = Storage;
        }

        if (StorageKey is not null)
        {
            flags[ConfigurationKeys.StorageKey] = StorageKey;
        }

        return flags;
    }
}
