using System.Net;

namespace EmgSessions.Hosting;

/// <summary>Checks listen addresses: well-formed, and loopback-only unless the server is protected.</summary>
internal static class ListenAddresses
{
    /// <summary>
    /// Messages for every problem with <paramref name="urls"/>. A non-loopback address needs both API keys and a
    /// webhook secret: without them anyone on the network could read sessions or inject uploads.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string> urls, bool hasApiKeys, bool hasWebhookSecret)
    {
        var problems = new List<string>();
        if (urls.Count == 0)
        {
            problems.Add($"Server:Urls is empty; give at least one address such as {ServerOptions.DefaultUrls}.");
        }

        foreach (var url in urls)
        {
            if (!TryGetHost(url, out var host))
            {
                problems.Add($"Listen address '{url}' is not an http:// or https:// URL with a host and port (e.g. {ServerOptions.DefaultUrls}).");
                continue;
            }

            if (!IsLoopback(host) && !(hasApiKeys && hasWebhookSecret))
            {
                var missing = (hasApiKeys, hasWebhookSecret) switch
                {
                    (false, false) => "EMGS_API_KEYS and EMGS_WEBHOOK_SECRET are",
                    (false, true) => "EMGS_API_KEYS is",
                    _ => "EMGS_WEBHOOK_SECRET is",
                };
                problems.Add($"Refusing to listen on '{url}': it is not a loopback address and {missing} not configured. " +
                    "Set them (a local account — emgs users add — or Supabase sign-in may stand in for API keys), or listen on 127.0.0.1 / localhost / [::1].");
            }
        }

        return problems;
    }

    public static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    private static bool TryGetHost(string url, out string host)
    {
        host = string.Empty;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return false;
        }

        var prefix = url[..scheme];
        if (!prefix.Equals("http", StringComparison.OrdinalIgnoreCase) && !prefix.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = url[(scheme + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = authority[..(close + 1)];
            return true;
        }

        var colon = authority.LastIndexOf(':');
        host = colon >= 0 ? authority[..colon] : authority;
        if (colon >= 0 && !int.TryParse(authority[(colon + 1)..], out _))
        {
            return false;
        }

        // Kestrel's wildcards (*, +) and 0.0.0.0 are "every interface": not loopback.
        return host.Length > 0;
    }
}
