using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace EmgSessions.Http.Auth;

/// <summary>
/// Route-level authorization: the caller (<see cref="ActorClaims"/>, or the zero-set-up local user when
/// <see cref="ZeroSetupAccess"/> allows it) against the route's <see cref="RequiredPermission"/> through
/// <see cref="AccessRules.Decide"/>. A route with no permission metadata is refused to everyone (the fallback policy
/// reaches only routes that are not <c>AllowAnonymous</c>). Subject-level checks (another therapist's patient → 404)
/// are the services' job.
/// </summary>
internal sealed class PermissionAuthorizationHandler(ZeroSetupAccess zeroSetup) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Resource is not HttpContext http || http.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>() is not { } required)
        {
            context.Fail(new AuthorizationFailureReason(this, "The route declares no permission."));
            return;
        }

        var actor = ActorClaims.ToActor(context.User);
        if (actor is null)
        {
            if (!await zeroSetup.IsOpenAsync(http, http.RequestAborted))
            {
                context.Fail(new AuthorizationFailureReason(this, "Not signed in."));
                return;
            }

            actor = Actor.LocalUser;
            http.User = ActorClaims.ToPrincipal(actor, AuthSchemes.Local);
        }

        if (AccessRules.Decide(actor, required.Permission) == AccessDecision.Forbidden)
        {
            context.Fail(new AuthorizationFailureReason(this, $"The role '{actor.RoleName}' may not use a route that needs '{required.Permission}'."));
            return;
        }

        context.Succeed(requirement);
    }
}
