namespace EmgSessions.Core.Webhooks;

/// <summary>
/// A parsed storage event, whichever payload format carried it. <paramref name="EventType"/> is as sent
/// (<c>INSERT</c>, <c>UPDATE</c>, <c>ObjectCreated:Post</c>, ...); <paramref name="Size"/> is null when
/// the payload did not say.
/// </summary>
public sealed record StorageEvent(
    WebhookPayloadFormat Format,
    string EventType,
    string Bucket,
    string Key,
    long? Size,
    string? ContentType);
