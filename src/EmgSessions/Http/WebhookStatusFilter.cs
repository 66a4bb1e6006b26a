using System.Net;
using EmgSessions.Core.Webhooks;
using EmgSessions.Hosting;
using EmgSessions.Http.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http;

/// <summary>
/// Who may read <c>GET /webhooks/storage/status/{id}</c>: the sender of the webhook (the webhook's credential:
/// <c>Authorization: Bearer</c> / <c>X-Webhook-Secret</c> with the secret, or an HMAC signature) or a holder of an
/// API key. A server with neither a secret nor API keys listens on loopback only and answers loopback callers.
/// Anyone else gets a 401 and nothing of the session: not its path, status or analysis.
/// </summary>
internal sealed class WebhookStatusFilter(WebhookAuthenticator authenticator, IOptions<ServerOptions> server) : IEndpointFilter
{
    private readonly ApiKeyRing _apiKeys = new(server.Value);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (IsAllowed(http))
        {
            return await next(context).ConfigureAwait(false);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Credential required",
            detail: "The status route needs the webhook's credential (Authorization: Bearer <webhook secret>, X-Webhook-Secret " +
                "or X-Webhook-Signature) or an API key (Authorization: Bearer <key>).");
    }

    private bool IsAllowed(HttpContext http)
    {
        if (ApiKeyRing.BearerToken(http.Request.Headers.Authorization.ToString()) is { } token && _apiKeys.Match(token) is not null)
        {
            return true;
        }

        var headers = http.Request.Headers;
        var outcome = authenticator.Authenticate(name => headers.TryGetValue(name, out var v) ? v.ToString() : null, []);
        return outcome switch
        {
            WebhookAuthOutcome.Authenticated => true,
            WebhookAuthOutcome.NoSecretConfigured => !_apiKeys.HasKeys && IsLoopback(http.Connection),
            _ => false,
        };
    }

    private static bool IsLoopback(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && (connection.LocalIpAddress is not { } local || IPAddress.IsLoopback(local));
}
