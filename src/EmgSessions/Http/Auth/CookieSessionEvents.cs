using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Http.Auth;

/// <summary>
/// The cookie session of a local account: an API answers 401/403 instead of redirecting, and every request
/// re-reads the account, so a disabled or removed account loses its session at once and a changed role or
/// therapist link applies to the next request.
/// </summary>
internal sealed class CookieSessionEvents : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = ActorClaims.ToActor(context.Principal);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountLookup>();
        var account = actor is { Kind: ActorKind.Person } ? await accounts.FindByEmailAsync(actor.Name, context.HttpContext.RequestAborted) : null;
        if (account is null || account.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }

        var current = account.ToActor();
        if (current != actor)
        {
            context.ReplacePrincipal(ActorClaims.ToPrincipal(current, AuthSchemes.Cookie));
            context.ShouldRenew = true;
        }
    }
}
