using System.ComponentModel;
using EmgSessions.Hosting;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>The options of <c>emgs serve</c>.</summary>
internal sealed class ServeSettings : ProcessingSettings
{
    [CommandOption("--urls <URLS>")]
    [Description("listen addresses (default http://127.0.0.1:8080); non-loopback needs EMGS_API_KEYS and EMGS_WEBHOOK_SECRET")]
    public string? Urls { get; set; }

    public override Dictionary<string, string?> ConfigurationFlags()
    {
        var flags = base.ConfigurationFlags();
        if (Urls is not null)
        {
            flags[ConfigurationKeys.Urls] = Urls;
        }

        return flags;
    }
}
