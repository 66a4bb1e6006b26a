using EmgSessions.Core.Access;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// Changes to sessions for an <see cref="Actor"/>: reprocess and delete. Access is decided here as for reads: a role
/// without the permission is forbidden, a therapist gets "not found" for a session that is not their patient's.
/// </summary>
internal sealed class SessionCommands(ISessionStore store, IPatientDirectory patients)
{
    public async Task<Answer<ReprocessAccepted>> ReprocessAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync<ReprocessAccepted>(actor, Permissions.SessionsReprocess, sessionId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return await store.EnqueueReprocessAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ? Answer<ReprocessAccepted>.Ok(new ReprocessAccepted(sessionId, SessionStatus.Reprocessing, "Session queued for reprocessing"))
            : SessionQueries.NotFound<ReprocessAccepted>(sessionId);
    }

    /// <summary>Deletes a session with its technical data and job; a conflict naming the tables that still refer to it.</summary>
    public async Task<Answer<SessionDeletion>> DeleteAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync<SessionDeletion>(actor, Permissions.SessionsDelete, sessionId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        try
        {
            return await store.DeleteSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
                ? Answer<SessionDeletion>.Ok(new SessionDeletion(sessionId, []))
                : SessionQueries.NotFound<SessionDeletion>(sessionId);
        }
        catch (SessionReferencedException e)
        {
            return Answer<SessionDeletion>.Conflict(
                "Session is referenced",
                $"Session {sessionId} is still referenced by rows in {string.Join(", ", e.Tables)}. " +
                "Delete or reassign those rows first; only this service's own data (technical data, job) is deleted with a session.",
                new SessionDeletion(sessionId, e.Tables));
        }
    }

    /// <summary>The failure answer when <paramref name="actor"/> may not use <paramref name="permission"/> on the session; null to go ahead.</summary>
    private async Task<Answer<T>?> RefuseAsync<T>(Actor actor, string permission, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        switch (AccessRules.GrantFor(actor, permission))
        {
            case Grant.Denied or Grant.Pseudonymised:
                // Pseudonymised grants are read-only.
                return Answer<T>.Forbidden(permission);
            case Grant.Allowed:
                return null;
        }

        // Own patients only: the session's patient decides, and anything else does not exist for this actor.
        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var patient = session?.PatientId is { } code ? await patients.FindAsync(code, cancellationToken).ConfigureAwait(false) : null;
        return session is not null && AccessRules.DecideFor(actor, permission, patient?.TherapistId) == AccessDecision.Allowed
            ? null
            : SessionQueries.NotFound<T>(sessionId);
    }
}
