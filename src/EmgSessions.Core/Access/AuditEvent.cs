namespace EmgSessions.Core.Access;

/// <summary>
/// One row of <c>audit_events(id, at, actor, actor_role, action, subject_type, subject_id, ip, details)</c>
/// (access.md §4). Events are only ever appended: nothing updates or deletes them.
/// </summary>
/// <param name="Id">Chosen by the writer (version-7 GUID, so ids sort by time on both databases).</param>
/// <param name="Actor">Email, API key label, or "local"; for a failed sign-in, the email that was tried.</param>
/// <param name="ActorRole">admin, therapist, researcher, machine, local; null when nobody was identified.</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="SubjectType">What was acted on (patient, session, user, therapist, export), if anything.</param>
/// <param name="SubjectId">The patient code, session id, user email … of the subject.</param>
/// <param name="Ip">The caller's address as the server saw it, if over the network.</param>
/// <param name="Details">Small facts about the event (reason of a failure, fields changed), stored as JSON.</param>
internal sealed record AuditEvent(
    Guid Id,
    DateTimeOffset At,
    string Actor,
    string? ActorRole,
    string Action,
    string? SubjectType,
    string? SubjectId,
    string? Ip,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>An event by a known actor, stamped now by <paramref name="clock"/>.</summary>
    public static AuditEvent By(
        Actor actor,
        string action,
        TimeProvider clock,
        string? subjectType = null,
        string? subjectId = null,
        string? ip = null,
        IReadOnlyDictionary<string, string>? details = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var at = clock.GetUtcNow();
        return new AuditEvent(
            Guid.CreateVersion7(at), at, actor.Name, actor.RoleName, action, subjectType, subjectId, ip,
            details ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
