namespace EmgSessions.Core.Webhooks;

/// <summary>The storage webhook (section <c>Webhook</c>; the secret also from <c>EMGS_WEBHOOK_SECRET</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>
    /// Shared secret for the static headers and the HMAC signatures. A Standard Webhooks secret may be
    /// given as <c>whsec_&lt;base64&gt;</c>. Null: unauthenticated webhooks, accepted on loopback only.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Buckets whose uploads become sessions.</summary>
    public IList<string> AcceptedBuckets { get; set; } = ["c3d-examples"];

    /// <summary>Largest object accepted (default 50 MiB).</summary>
    public long MaxFileSizeBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Largest webhook body read (default 1 MiB); larger bodies get 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>IANA (or Windows) id of the zone in which file-name dates are written (default UTC).</summary>
    public string SessionTimeZone { get; set; } = "UTC";

    /// <summary>Standard Webhooks timestamp tolerance; ids seen within it are replays.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Seconds a 503 asks the caller to wait (Retry-After).</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>The configured time zone; throws when the id is unknown.</summary>
    public TimeZoneInfo ResolveTimeZone() =>
        string.IsNullOrWhiteSpace(SessionTimeZone) || SessionTimeZone is "UTC" or "Etc/UTC"
            ? TimeZoneInfo.Utc
            : TimeZoneInfo.FindSystemTimeZoneById(SessionTimeZone);

    /// <summary>Problems with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (AcceptedBuckets.Count == 0)
        {
            problems.Add("Webhook:AcceptedBuckets must name at least one bucket.");
        }

        if (MaxFileSizeBytes <= 0)
        {
            problems.Add("Webhook:MaxFileSizeBytes must be positive.");
        }

        if (MaxBodyBytes <= 0)
        {
            problems.Add("Webhook:MaxBodyBytes must be positive.");
        }

        if (ReplayWindow <= TimeSpan.Zero)
        {
            problems.Add("Webhook:ReplayWindow must be positive.");
        }

        try
        {
            ResolveTimeZone();
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"Webhook:SessionTimeZone '{SessionTimeZone}' is not a known time zone.");
        }

        if (Secret is { } secret && secret.StartsWith(WebhookAuthenticator.StandardSecretPrefix, StringComparison.Ordinal)
            && !WebhookAuthenticator.TryDecodeStandardSecret(secret, out _))
        {
            problems.Add("Webhook:Secret starts with whsec_ but the rest is not base64.");
        }

        return problems;
    }
}
