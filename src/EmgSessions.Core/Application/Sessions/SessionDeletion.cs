namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// A delete of a session: done, or refused because rows of other tables (<see cref="ReferencedBy"/>) still refer to it.
/// </summary>
internal sealed record SessionDeletion(Guid Id, IReadOnlyList<string> ReferencedBy);
