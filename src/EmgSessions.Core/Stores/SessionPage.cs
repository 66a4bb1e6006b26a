namespace EmgSessions.Core.Stores;

/// <summary>One page of sessions and the total number matching the filters.</summary>
public sealed record SessionPage(IReadOnlyList<SessionRecord> Items, long Total);
