namespace EmgSessions.LoadTesting;

/// <summary>One webhook sent: which file, whether it repeats an earlier delivery, when, how it went.</summary>
internal sealed record WebhookDelivery(
    int FileIndex,
    bool Duplicate,
    DateTimeOffset SentAt,
    double LatencyMs,
    int StatusCode,
    Guid? ProcessingId,
    string? Error);
