namespace EmgSessions.Core.Application.Sessions;

/// <summary>One page of sessions as <see cref="SessionList"/>, each with its stored analytics entry.</summary>
internal sealed record SessionRows(IReadOnlyList<SessionRow> Items, long Total, int Limit, int Offset);
