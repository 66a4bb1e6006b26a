using System.Security.Cryptography;
using System.Text;
using EmgSessions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;key&gt;</c> with one of the configured API keys (system.md §6) when
/// any is configured; without keys the server listens on loopback only and the filter lets calls through.
/// Keys are compared as SHA-256 digests in constant time.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<ServerOptions> options) : IEndpointFilter
{
    private readonly byte[][] _digests = [.. options.Value.ApiKeyList.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_digests.Length == 0 || IsAuthorized(context.HttpContext.Request.Headers.Authorization.ToString()))
        {
            return await next(context).ConfigureAwait(false);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "API key required",
            detail: "Send one of the configured API keys as 'Authorization: Bearer <key>'.");
    }

    /// <summary>True when API keys are configured (then <c>/api/*</c> requires one).</summary>
    public bool HasKeys => _digests.Length > 0;

    /// <summary>True when <paramref name="request"/> carries one of the configured API keys.</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _digests.Length > 0 && IsAuthorized(request.Headers.Authorization.ToString());
    }

    private bool IsAuthorized(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var match = false;
        foreach (var digest in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, digest);
        }

        return match;
    }
}
