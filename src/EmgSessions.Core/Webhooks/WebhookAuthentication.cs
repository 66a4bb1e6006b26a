namespace EmgSessions.Core.Webhooks;

/// <summary>
/// The outcome of <see cref="WebhookAuthenticator.AuthenticateDeliveryAsync"/> and the Standard Webhooks id it
/// recorded (null when none was recorded), which the caller forgets again when the delivery fails transiently.
/// </summary>
public readonly record struct WebhookAuthentication(WebhookAuthOutcome Outcome, string? RecordedDeliveryId);
