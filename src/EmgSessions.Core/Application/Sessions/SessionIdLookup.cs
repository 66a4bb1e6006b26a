using EmgSessions.Core.Access;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// Session ids by the start of one, for an <see cref="Actor"/>: the one query of <see cref="SessionQueries"/> that needs
/// nothing but the store, so a verb that only has to name a session (<c>emgs scores</c>, <c>emgs inputs</c>) starts
/// without the analysis or the analytics cache. The access rule is <see cref="SessionQueries.FindIdsAsync"/>'s (which
/// calls this).
/// </summary>
internal sealed class SessionIdLookup(ISessionReader sessions)
{
    private const string Permission = Permissions.SessionsRead;

    /// <summary>
    /// The ids that start with <paramref name="prefix"/> (at most <paramref name="limit"/>), for callers that let people
    /// type the start of an id. Only for actors who may read every session: a therapist resolves whole ids.
    /// </summary>
    public async Task<Answer<IReadOnlyList<Guid>>> FindIdsAsync(Actor actor, SessionIdPrefix prefix, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return AccessRules.GrantFor(actor, Permission) switch
        {
            Grant.Allowed or Grant.Pseudonymised => Answer<IReadOnlyList<Guid>>.Ok(
                await sessions.FindSessionIdsAsync(prefix, limit, cancellationToken).ConfigureAwait(false)),
            Grant.OwnPatients => Answer<IReadOnlyList<Guid>>.Ok([]),
            _ => Answer<IReadOnlyList<Guid>>.Forbidden(Permission),
        };
    }
}
