using System.Globalization;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Stores.Notes;

namespace EmgSessions.Core.Application.Notes;

/// <summary>
/// A session's notes for an <see cref="Actor"/>, the same for every transport. Notes are health data written by people:
/// only those who may write them (<see cref="Permissions.SessionsAnnotate"/>: admins, the local user, therapists on their
/// patients' sessions) read them; researchers and machines are refused and never get note text; another therapist's
/// session is "not found". A read by a person is audited as a read of the session (<c>session.read</c>, details
/// <c>{"notes": "read"}</c>); adding appends a note by the actor and is audited as a change; neither event holds a note's text.
/// </summary>
internal sealed class SessionNotes(SessionQueries sessions, NoteStore store, IAuditSink audit, TimeProvider clock)
{
    private const string Annotate = Permissions.SessionsAnnotate;

    /// <summary>The details of a notes read: that the session's notes were read, never their text.</summary>
    private static readonly IReadOnlyDictionary<string, string> NotesRead = new Dictionary<string, string>(StringComparer.Ordinal) { ["notes"] = "read" };

    public async Task<Answer<IReadOnlyList<SessionNote>>> ListAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayAnnotate(actor))
        {
            return Answer<IReadOnlyList<SessionNote>>.Forbidden(Annotate);
        }

        if (await sessions.ReachAsync(actor, sessionId, cancellationToken).ConfigureAwait(false) is { IsOk: false } refused)
        {
            return Answer<IReadOnlyList<SessionNote>>.From(refused);
        }

        var notes = await store.ListAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (notes is null)
        {
            return SessionQueries.NotFound<IReadOnlyList<SessionNote>>(sessionId);
        }

        await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Session, sessionId.ToString(), null, NotesRead, cancellationToken).ConfigureAwait(false);
        return Answer<IReadOnlyList<SessionNote>>.Ok(notes);
    }

    /// <summary>The number of notes per session, for those who may read them; null for the others (no count shown).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>?> CountAsync(Actor actor, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return MayAnnotate(actor) ? await store.CountAsync(sessionIds, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Appends a note by the actor. Invalid (naming <c>text</c>) when the text is empty or longer than 4,000 characters.</summary>
    public async Task<Answer<SessionNote>> AddAsync(Actor actor, Guid sessionId, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayAnnotate(actor))
        {
            return Answer<SessionNote>.Forbidden(Annotate);
        }

        if (await sessions.ReachAsync(actor, sessionId, cancellationToken).ConfigureAwait(false) is { IsOk: false } refused)
        {
            return Answer<SessionNote>.From(refused);
        }

        var trimmed = text?.Trim() ?? "";
        if (TextError(trimmed) is { } error)
        {
            return Answer<SessionNote>.Invalid("Invalid note", error);
        }

        var note = await store.AddAsync(sessionId, actor.Name, trimmed, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (note is null)
        {
            return SessionQueries.NotFound<SessionNote>(sessionId);
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["note"] = "added" };
        await audit.AppendAsync(
            AuditEvent.By(actor, AuditActions.SessionChanged, clock, PersonReads.Session, sessionId.ToString(), details: details),
            cancellationToken).ConfigureAwait(false);
        return Answer<SessionNote>.Ok(note);
    }

    /// <summary>What is wrong with a note's (trimmed) text, naming the field <c>text</c>; null when it may be stored.</summary>
    public static string? TextError(string text) =>
        string.IsNullOrWhiteSpace(text) ? "text: write the note; it is empty."
        : text.Length > SessionNote.MaxLength ? string.Create(CultureInfo.InvariantCulture, $"text: a note has at most {SessionNote.MaxLength:N0} characters; this one has {text.Length:N0}. Shorten it or split it into two notes.")
        : null;

    /// <summary>True when <paramref name="actor"/>'s role may read and write notes (a therapist for the sessions they can reach).</summary>
    public static bool MayAnnotate(Actor actor) => AccessRules.GrantFor(actor, Annotate) is Grant.Allowed or Grant.OwnPatients;
}
