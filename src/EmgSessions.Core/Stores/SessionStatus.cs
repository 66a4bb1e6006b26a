namespace EmgSessions.Core.Stores;

/// <summary>The values of <c>therapy_sessions.processing_status</c>.</summary>
public static class SessionStatus
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Reprocessing = "reprocessing";

    public static IReadOnlyList<string> All { get; } = [Pending, Processing, Completed, Failed, Reprocessing];
}
