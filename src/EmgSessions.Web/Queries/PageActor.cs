using EmgSessions.Core.Access;
using EmgSessions.Core.Stores;
using Microsoft.AspNetCore.Http;

namespace EmgSessions.Web.Queries;

/// <summary>
/// The caller of a page as an <see cref="Actor"/>, read from the principal the host's authentication built
/// (<see cref="ActorClaims"/>); a page reached without one is the zero-set-up local user, as on the API.
/// </summary>
internal static class PageActor
{
    public static Actor Of(HttpContext? context) => ActorClaims.ToActor(context?.User) ?? Actor.LocalUser;

    /// <summary>
    /// The filter narrowed to what <paramref name="actor"/> may list (<see cref="AccessRules.ScopeFor"/>, as
    /// SessionQueries does): a therapist's own patients only; null when the actor may list nothing.
    /// </summary>
    public static SessionQuery? Scoped(Actor actor, SessionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scope = AccessRules.ScopeFor(actor, Permissions.SessionsRead);
        if (scope.Decision is AccessDecision.Forbidden or AccessDecision.NotFound)
        {
            return null;
        }

        return scope.TherapistId is { } therapist ? query with { TherapistId = therapist } : query;
    }
}
