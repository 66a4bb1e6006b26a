namespace EmgSessions.Tests.Faults;

/// <summary>The webhook's answer as a fault test sees it.</summary>
internal sealed record WebhookReply(int Status, Guid? ProcessingId, string? Message, TimeSpan? RetryAfter);
