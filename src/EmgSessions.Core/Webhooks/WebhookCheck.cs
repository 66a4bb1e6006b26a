namespace EmgSessions.Core.Webhooks;

/// <summary>The outcome of parsing and validating a webhook body: a value, never an exception.</summary>
public sealed record WebhookCheck(
    WebhookVerdict Verdict,
    string Message,
    StorageEvent? Event = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    internal static WebhookCheck NotJson(string message) => new(WebhookVerdict.NotJson, message);

    internal static WebhookCheck Invalid(string message, IReadOnlyDictionary<string, string[]> errors) =>
        new(WebhookVerdict.Invalid, message, Errors: errors);

    internal static WebhookCheck Invalid(string field, string problem) =>
        Invalid($"{field}: {problem}", new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] });

    internal static WebhookCheck Ignored(string message) => new(WebhookVerdict.Ignored, message);

    internal static WebhookCheck Rejected(string message, StorageEvent storageEvent) => new(WebhookVerdict.Rejected, message, storageEvent);

    internal static WebhookCheck Accepted(StorageEvent storageEvent) => new(WebhookVerdict.Accepted, "accepted", storageEvent);
}
