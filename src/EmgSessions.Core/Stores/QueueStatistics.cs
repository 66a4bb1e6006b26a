namespace EmgSessions.Core.Stores;

/// <summary>Sessions per processing status and the jobs waiting or leased.</summary>
public sealed record QueueStatistics(IReadOnlyDictionary<string, long> SessionsByStatus, long JobsDue, long JobsLeased, long JobsWaiting);
