namespace EmgSessions.Core.Application.Webhooks;

/// <summary>
/// One storage webhook as a transport received it: its headers (looked up by name), its body as a stream (read by
/// <see cref="StorageWebhookService"/> up to <c>Webhook:MaxBodyBytes</c>), the length the sender announced, whether
/// it arrived on a loopback connection (an unconfigured secret is accepted only there) and who sent it (for the log).
/// </summary>
/// <param name="BodyAborted">Cancels reading the body (the caller hung up); Phase 1 itself runs to its end.</param>
internal sealed record WebhookDelivery(
    Func<string, string?> Header,
    Stream Body,
    long? DeclaredLength,
    bool FromLoopback,
    string Remote,
    CancellationToken BodyAborted = default);
