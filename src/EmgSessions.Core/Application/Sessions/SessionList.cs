namespace EmgSessions.Core.Application.Sessions;

/// <summary>One page of sessions: the items, how many match the filters in all, and the page asked for.</summary>
internal sealed record SessionList(IReadOnlyList<SessionDetails> Items, long Total, int Limit, int Offset);
