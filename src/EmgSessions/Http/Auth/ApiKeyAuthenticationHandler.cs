using System.Text.Encodings.Web;
using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> with one of the configured API keys: a machine actor named by the key's
/// label (<see cref="ApiKeyRing"/>). Any other bearer value fails, so a route that needs a permission answers 401.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyRing.BearerToken(Request.Headers.Authorization.ToString()) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Match(presented) is not { } label)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is none of the configured API keys."));
        }

        var principal = ActorClaims.ToPrincipal(Actor.Machine(label), Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
