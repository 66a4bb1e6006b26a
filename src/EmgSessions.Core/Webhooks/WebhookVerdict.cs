namespace EmgSessions.Core.Webhooks;

/// <summary>What to do with a webhook body (system.md §3.3).</summary>
public enum WebhookVerdict
{
    /// <summary>The body is not JSON: 400.</summary>
    NotJson,

    /// <summary>JSON of neither format, or missing/ill-typed/unsafe fields: 422 naming the fields.</summary>
    Invalid,

    /// <summary>Not for us (DELETE, unknown event type, non-C3D file): 200 with success true.</summary>
    Ignored,

    /// <summary>For us but refused (bucket, size): 200 with success false.</summary>
    Rejected,

    /// <summary>Run Phase 1 on <see cref="WebhookCheck.Event"/>.</summary>
    Accepted,
}
