using System.Security.Claims;

namespace EmgSessions.Core.Access;

/// <summary>
/// The one translation between an <see cref="Actor"/> and the <see cref="ClaimsPrincipal"/> an ASP.NET Core
/// authentication scheme produces. Every scheme (API key, cookie, Supabase bearer) builds its principal with
/// <see cref="ToPrincipal"/>; every transport reads the caller back with <see cref="ToActor"/>.
/// </summary>
internal static class ActorClaims
{
    /// <summary>The actor kind: machine, local or person.</summary>
    public const string KindClaim = "emgs:actor_kind";

    /// <summary>For a therapist, the <c>therapists.id</c> of their patient scope.</summary>
    public const string TherapistIdClaim = "emgs:therapist_id";

    private const string MachineKind = "machine";
    private const string LocalKind = "local";
    private const string PersonKind = "person";

    /// <summary>A principal carrying <paramref name="actor"/>, authenticated by <paramref name="scheme"/>.</summary>
    public static ClaimsPrincipal ToPrincipal(Actor actor, string scheme)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, actor.Name),
            new(KindClaim, actor.Kind switch
            {
                ActorKind.Machine => MachineKind,
                ActorKind.LocalUser => LocalKind,
                _ => PersonKind,
            }),
        };
        if (actor.Role is { } role)
        {
            claims.Add(new Claim(ClaimTypes.Role, RoleNames.Of(role)));
        }

        if (actor.TherapistId is { } therapistId)
        {
            claims.Add(new Claim(TherapistIdClaim, therapistId.ToString("D")));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// The actor a principal carries, or null when it is not authenticated or was not built by
    /// <see cref="ToPrincipal"/> (an unknown kind, a person without a known role, a malformed therapist id).
    /// </summary>
    public static Actor? ToActor(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var name = principal.FindFirstValue(ClaimTypes.Name);
        switch (principal.FindFirstValue(KindClaim))
        {
            case MachineKind when !string.IsNullOrWhiteSpace(name):
                return Actor.Machine(name);
            case LocalKind:
                return Actor.LocalUser;
            case PersonKind when !string.IsNullOrWhiteSpace(name)
                && RoleNames.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var role):
                var therapistText = principal.FindFirstValue(TherapistIdClaim);
                if (therapistText is null)
                {
                    return Actor.Person(name, role, null);
                }

                return role == Role.Therapist && Guid.TryParse(therapistText, out var therapistId)
                    ? Actor.Therapist(name, therapistId)
                    : null;
            default:
                return null;
        }
    }
}
