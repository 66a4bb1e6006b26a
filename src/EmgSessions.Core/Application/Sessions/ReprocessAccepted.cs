namespace EmgSessions.Core.Application.Sessions;

/// <summary>A session queued for processing again.</summary>
internal sealed record ReprocessAccepted(Guid Id, string Status, string Message);
