using EmgSessions.Core.Access;
using EmgSessions.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Http.Auth;

/// <summary>
/// Turns a refused authorization into a problem that says what to do: 401 (with the scheme's challenge, e.g.
/// <c>WWW-Authenticate: Bearer</c>) for a caller who is not signed in or whose credential was refused, 403 naming the
/// permission for a caller whose role may not use the route.
/// </summary>
internal sealed class AuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var permission = context.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>()?.Permission;
        if (authorizeResult.Challenged)
        {
            if (IsDashboardPage(context) && await context.RequestServices.GetRequiredService<ZeroSetupAccess>().AccountsExistAsync(context.RequestAborted))
            {
                // A browser asking for a page signs in first and comes back; API routes keep their 401.
                context.Response.Redirect(SignInPage.Address(context.Request.PathBase + context.Request.Path + context.Request.QueryString));
                return;
            }

            await context.ChallengeAsync();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            if (string.IsNullOrEmpty(context.Response.Headers.WWWAuthenticate))
            {
                // A caller with no credential: scripts learn that a bearer token (API key or Supabase) is accepted.
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await WriteAsync(
                context,
                "Sign-in required",
                "This route needs a signed-in user or a machine credential: sign in with POST /api/auth/sign-in, or send an API key " +
                "or a Supabase access token as 'Authorization: Bearer <token>'. A credential that was sent was not accepted.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = ActorClaims.ToActor(context.User)?.RoleName ?? "anonymous";
        await WriteAsync(
            context,
            "Not allowed for your role",
            permission is null
                ? "This route declares no permission and is refused to everyone."
                : $"The role '{role}' may not use this route (it needs the permission '{permission}'). Ask an admin if you need it.");
    }

    /// <summary>A dashboard page (a Razor component endpoint) asked for with GET, outside <c>/api</c>.</summary>
    private static bool IsDashboardPage(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    private async Task WriteAsync(HttpContext context, string title, string detail)
    {
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail },
        });
    }
}
