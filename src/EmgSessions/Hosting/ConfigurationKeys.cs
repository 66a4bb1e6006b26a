namespace EmgSessions.Hosting;

/// <summary>
/// The configuration paths of EmgSessions and where each short environment variable and flag lands.
/// Sources, later wins: appsettings.json beside the executable, appsettings.json in the working
/// directory, <c>EMGS_Section__Key</c> variables, the short variables below, command-line flags.
/// </summary>
internal static class ConfigurationKeys
{
    public const string Database = "Database:Connection";
    public const string Storage = "Storage:Spec";
    public const string StorageKey = "Storage:ServiceKey";
    public const string Urls = "Server:Urls";
    /// <summary>Comma-separated, in files too, so that one variable replaces the whole list.</summary>
    public const string ApiKeys = "Server:ApiKeys";
    public const string WebhookSecret = "Webhook:Secret";
    public const string Workers = "Workers:Count";

    /// <summary>Short environment variables (system.md §7) and the key each sets.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EMGS_DATABASE"] = Database,
        ["EMGS_STORAGE"] = Storage,
        ["EMGS_STORAGE_KEY"] = StorageKey,
        ["EMGS_URLS"] = Urls,
        ["EMGS_WEBHOOK_SECRET"] = WebhookSecret,
        ["EMGS_API_KEYS"] = ApiKeys,
        ["EMGS_WORKERS"] = Workers,
    };
}
