using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Http;

namespace EmgSessions.Http;

/// <summary>
/// The caller of a request as an <see cref="Actor"/>: what the authentication scheme put in
/// <see cref="HttpContext.User"/> (see <see cref="ActorClaims"/>). A request that passed the route's checks without
/// an authenticated principal is the zero-set-up local user (loopback, no users and no API keys defined).
/// </summary>
internal static class HttpActor
{
    public static Actor Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ActorClaims.ToActor(context.User) ?? Actor.LocalUser;
    }
}
