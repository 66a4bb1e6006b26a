using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmgSessions.Hosting;

namespace EmgSessions.Http.Auth;

/// <summary>
/// The configured API keys as SHA-256 digests, compared in constant time (every digest is compared, whichever
/// matches). A key is named by its position, <c>api-key-1</c>, <c>api-key-2</c> …: the name goes into the machine
/// actor and the audit trail, the key itself never does.
/// </summary>
internal sealed class ApiKeyRing
{
    private readonly byte[][] _digests;

    public ApiKeyRing(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _digests = [.. options.ApiKeyList.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];
    }

    /// <summary>True when at least one key is configured (then anonymous calls to the API are refused).</summary>
    public bool HasKeys => _digests.Length > 0;

    /// <summary>The label of the key <paramref name="presented"/> is, or null when it is none of them.</summary>
    public string? Match(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim()));
        var found = -1;
        for (var i = 0; i < _digests.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, _digests[i]) && found < 0)
            {
                found = i;
            }
        }

        return found < 0 ? null : Label(found);
    }

    /// <summary>The key of an <c>Authorization: Bearer</c> header, or null when the header is not a bearer one.</summary>
    public static string? BearerToken(string? header)
    {
        const string scheme = "Bearer ";
        return header is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }

    private static string Label(int index) => string.Create(CultureInfo.InvariantCulture, $"api-key-{index + 1}");
}
