using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Caching;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// Reads of sessions for an <see cref="Actor"/>, the same for every transport: the list, one session, its analytics
/// and its processing status. Access is decided here (<see cref="AccessRules"/>): a role without
/// <see cref="Permissions.SessionsRead"/> is forbidden; a therapist sees only their patients' sessions and gets "not
/// found" for any other; a researcher gets pseudonymised views. A read by a person is written to the audit trail
/// (<see cref="PersonReads"/>); machines and the local user leave no read event.
/// </summary>
internal sealed class SessionQueries(ISessionStore store, AnalyticsCache cache, IPatientDirectory patients, IAuditSink audit, TimeProvider clock)
{
    private const string Permission = Permissions.SessionsRead;

    public async Task<Answer<SessionList>> ListAsync(Actor actor, SessionQuery query, CancellationToken cancellationToken)
    {
        var rows = await ListRowsAsync(actor, query, cancellationToken).ConfigureAwait(false);
        return rows.IsOk
            ? Answer<SessionList>.Ok(new SessionList([.. rows.Value!.Items.Select(r => r.Details)], rows.Value.Total, rows.Value.Limit, rows.Value.Offset))
            : Answer<SessionList>.From(rows);
    }

    /// <summary>
    /// The same page as <see cref="ListAsync"/> (same access, pseudonymisation and audit), each session with its stored
    /// analytics entry beside it, for a transport that shows what the analysis found (the dashboard's session table).
    /// A filter on another therapist than the actor's own lists nothing.
    /// </summary>
    public async Task<Answer<SessionRows>> ListRowsAsync(Actor actor, SessionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var scope = AccessRules.ScopeFor(actor, Permission);
        if (scope.Decision == AccessDecision.Forbidden)
        {
            return Answer<SessionRows>.Forbidden(Permission);
        }

        var empty = Answer<SessionRows>.Ok(new SessionRows([], 0, query.Limit, query.Offset));
        if (scope.Decision == AccessDecision.NotFound || (scope.TherapistId is { } own && query.TherapistId is { } asked && own != asked))
        {
            return empty;
        }

        if ((scope.TherapistId ?? query.TherapistId) is { } therapistId)
        {
            if (!await patients.HasPatientsAsync(therapistId, cancellationToken).ConfigureAwait(false))
            {
                return empty;
            }

            query = query with { TherapistId = therapistId };
        }

        var page = await store.ListSessionsAsync(query, cancellationToken).ConfigureAwait(false);
        var items = new List<SessionRow>(page.Items.Count);
        foreach (var session in page.Items)
        {
            items.Add(new SessionRow(Shown(await DetailsAsync(session, cancellationToken).ConfigureAwait(false), scope.Decision), session.AnalyticsCacheJson));
        }

        await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Session, "*", null, cancellationToken).ConfigureAwait(false);

        return Answer<SessionRows>.Ok(new SessionRows(items, page.Total, query.Limit, query.Offset));
    }

    public async Task<Answer<SessionDetails>> GetAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(actor, sessionId, cancellationToken).ConfigureAwait(false);
        if (read.Answer is { } failure)
        {
            return Answer<SessionDetails>.From(failure);
        }

        return Answer<SessionDetails>.Ok(Shown(read.Details!, read.Decision));
    }

    /// <summary>
    /// The stored analytics: a cache hit (counted), or a stale, other version's or predecessor's entry, marked; a
    /// completed session without an entry is "not found" (reprocess it), a failed or unfinished one a conflict.
    /// </summary>
    public async Task<Answer<SessionAnalytics>> GetAnalyticsAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (AccessRules.GrantFor(actor, Permission) is Grant.Denied)
        {
            return Answer<SessionAnalytics>.Forbidden(Permission);
        }

        if (AccessRules.GrantFor(actor, Permission) is Grant.OwnPatients)
        {
            // The subject decides: load it before the cache read counts a hit.
            var read = await ReadAsync(actor, sessionId, cancellationToken).ConfigureAwait(false);
            if (read.Answer is { } failure)
            {
                return Answer<SessionAnalytics>.From(failure);
            }
        }

        else
        {
            await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Session, sessionId.ToString(), null, cancellationToken).ConfigureAwait(false);
        }

        var json = await cache.ReadAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (json is not null)
        {
            return Answer<SessionAnalytics>.Ok(new SessionAnalytics(json, null, SessionStatus.Completed));
        }

        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return NotFound<SessionAnalytics>(sessionId);
        }

        if (AnalyticsProvenance.Describe(session.AnalyticsCacheJson, cache.ProcessingVersion) is { } stored)
        {
            return Answer<SessionAnalytics>.Ok(new SessionAnalytics(session.AnalyticsCacheJson, stored, session.ProcessingStatus));
        }

        var state = new SessionAnalytics(null, null, session.ProcessingStatus);
        return session.ProcessingStatus switch
        {
            SessionStatus.Completed => Answer<SessionAnalytics>.NotFound(
                "No cached analytics",
                $"The analytics of session {sessionId} expired or were made by another version or with other options. POST /api/sessions/{sessionId}/reprocess to compute them again."),
            SessionStatus.Failed => Answer<SessionAnalytics>.Conflict(
                "Processing failed", ServerPaths.Redact(session.ProcessingErrorMessage) ?? "Processing failed.", state),
            _ => Answer<SessionAnalytics>.Conflict(
                "Analytics not ready", $"Session {sessionId} is {session.ProcessingStatus}; try again when it is completed.", state),
        };
    }

    /// <summary>Where a session's processing stands; with <paramref name="includeAnalysis"/>, its stored entry too.</summary>
    public async Task<Answer<SessionProcessing>> GetProcessingAsync(Actor actor, Guid sessionId, bool includeAnalysis, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(actor, sessionId, cancellationToken).ConfigureAwait(false);
        if (read.Answer is { } failure)
        {
            return Answer<SessionProcessing>.From(failure);
        }

        var session = read.Session!;
        var hasAnalytics = read.Details!.HasAnalytics;
        JsonElement? analysis = null;
        if (includeAnalysis)
        {
            using var document = JsonDocument.Parse(hasAnalytics ? session.AnalyticsCacheJson! : "null");
            analysis = document.RootElement.Clone();
        }

        return Answer<SessionProcessing>.Ok(new SessionProcessing(
            session.Id, session.ProcessingStatus, session.FilePath, session.CreatedAt, session.ProcessedAt,
            ServerPaths.Redact(session.ProcessingErrorMessage), hasAnalytics, session.CacheHits, analysis));
    }

    /// <summary>
    /// The ids that start with <paramref name="prefix"/> (at most <paramref name="limit"/>), for callers that let people
    /// type the start of an id. Only for actors who may read every session: a therapist resolves whole ids.
    /// </summary>
    public Task<Answer<IReadOnlyList<Guid>>> FindIdsAsync(Actor actor, SessionIdPrefix prefix, int limit, CancellationToken cancellationToken) =>
        new SessionIdLookup(store).FindIdsAsync(actor, prefix, limit, cancellationToken);

    /// <summary>
    /// The subject check of a route that serves or changes a part of a session (scores, inputs, signals): forbidden
    /// for a role without <see cref="Permissions.SessionsRead"/>, "not found" for a missing session or another
    /// therapist's; the caller records its own read or change.
    /// </summary>
    public async Task<Answer<bool>> ReachAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(actor, sessionId, cancellationToken, record: false).ConfigureAwait(false);
        return read.Answer ?? Answer<bool>.Ok(true);
    }

    internal static Answer<T> NotFound<T>(Guid sessionId) => Answer<T>.NotFound("Session not found", $"No session has id {sessionId}.");

    /// <summary>One session with the access decision on it: a failure answer, or the record, its details and the decision.</summary>
    private async Task<SubjectRead> ReadAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken, bool record = true)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (AccessRules.Decide(actor, Permission) == AccessDecision.Forbidden)
        {
            return new SubjectRead(Answer<bool>.Forbidden(Permission), null, null, AccessDecision.Forbidden);
        }

        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return new SubjectRead(NotFound<bool>(sessionId), null, null, AccessDecision.NotFound);
        }

        var details = await DetailsAsync(session, cancellationToken).ConfigureAwait(false);
        var decision = AccessRules.DecideFor(actor, Permission, details.Patient?.TherapistId);
        if (decision is AccessDecision.Allowed or AccessDecision.Pseudonymised)
        {
            if (record)
            {
                await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Session, sessionId.ToString(), null, cancellationToken).ConfigureAwait(false);
            }

            return new SubjectRead(null, session, details, decision);
        }

        return new SubjectRead(decision == AccessDecision.Forbidden ? Answer<bool>.Forbidden(Permission) : NotFound<bool>(sessionId), null, null, decision);
    }

    private async Task<SessionDetails> DetailsAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        var patient = session.PatientId is { } code ? await patients.FindAsync(code, cancellationToken).ConfigureAwait(false) : null;
        return SessionDetails.From(session, patient);
    }

    private SessionDetails Shown(SessionDetails details, AccessDecision decision) =>
        decision == AccessDecision.Pseudonymised ? details.Pseudonymise(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) : details;

    private sealed record SubjectRead(Answer<bool>? Answer, SessionRecord? Session, SessionDetails? Details, AccessDecision Decision);
}
