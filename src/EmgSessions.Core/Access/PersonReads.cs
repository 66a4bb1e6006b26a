namespace EmgSessions.Core.Access;

/// <summary>
/// The audit of reads (access.md §4): every read of a patient's or a session's data by a person is written to the
/// trail; machines and the zero-set-up local user are not people and leave no read event.
/// </summary>
internal static class PersonReads
{
    public const string Patient = "patient";
    public const string Session = "session";

    public static ValueTask RecordAsync(
        IAuditSink sink, Actor actor, TimeProvider clock, string subjectType, string subjectId, string? ip, CancellationToken cancellationToken) =>
        RecordAsync(sink, actor, clock, subjectType, subjectId, ip, null, cancellationToken);

    /// <summary>The read with small facts about it (what part of the subject was read), never the data itself.</summary>
    public static async ValueTask RecordAsync(
        IAuditSink sink, Actor actor, TimeProvider clock, string subjectType, string subjectId, string? ip,
        IReadOnlyDictionary<string, string>? details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Kind != ActorKind.Person)
        {
            return;
        }

        var action = subjectType == Session ? AuditActions.SessionRead : AuditActions.PatientRead;
        await sink.AppendAsync(AuditEvent.By(actor, action, clock, subjectType, subjectId, ip, details), cancellationToken).ConfigureAwait(false);
    }
}
