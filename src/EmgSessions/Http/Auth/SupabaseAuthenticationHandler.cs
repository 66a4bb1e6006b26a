using System.Text.Encodings.Web;
using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;Supabase access token&gt;</c>: the token is verified by
/// <see cref="SupabaseTokenValidator"/> (signature, issuer, audience, expiry) and its <c>sub</c> looked up in the
/// predecessor's role rows (<see cref="ISupabaseUserDirectory"/>). A valid token of a user with no role here fails too.
/// </summary>
internal sealed partial class SupabaseAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SupabaseTokenValidator validator,
    ISupabaseUserDirectory users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyRing.BearerToken(Request.Headers.Authorization.ToString()) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await validator.ValidateAsync(token, Context.RequestAborted);
        if (result.Identity is not { } identity)
        {
            return AuthenticateResult.Fail($"The Supabase access token was refused ({result.Rejection}).");
        }

        var actor = await users.FindAsync(identity, Context.RequestAborted);
        if (actor is null)
        {
            LogNoRole(Logger, identity.Subject);
            return AuthenticateResult.Fail("The Supabase user has no therapist, researcher or admin profile here.");
        }

        var principal = ActorClaims.ToPrincipal(actor, Scheme.Name);
        var properties = new AuthenticationProperties { ExpiresUtc = identity.ExpiresAt };
        return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a valid Supabase token of user {Subject}: no role row for that user")]
    private static partial void LogNoRole(ILogger logger, Guid subject);
}
