namespace EmgSessions.Core.Webhooks;

/// <summary>The result of checking a webhook's credentials (system.md §3.2).</summary>
public enum WebhookAuthOutcome
{
    /// <summary>A configured secret was proven by one of the accepted schemes.</summary>
    Authenticated,

    /// <summary>No secret is configured: accept only on loopback.</summary>
    NoSecretConfigured,

    /// <summary>No credential header was sent.</summary>
    Missing,

    /// <summary>A credential was sent but does not match.</summary>
    Invalid,

    /// <summary>A Standard Webhooks timestamp outside the tolerance.</summary>
    Expired,

    /// <summary>A Standard Webhooks id already seen within the tolerance.</summary>
    Replayed,
}
