namespace EmgSessions.Core.Access;

/// <summary>
/// Which rows a list may show to an actor. <see cref="AccessDecision.NotFound"/> means an empty list;
/// when <see cref="TherapistId"/> is set, only patients of that therapist (and their sessions) are listed.
/// </summary>
internal sealed record ListScope(AccessDecision Decision, Guid? TherapistId);
