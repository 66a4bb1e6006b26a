namespace EmgSessions.Core.Access;

/// <summary>
/// Supabase Auth bearer tokens (access.md §3, §5): <c>EMGS_SUPABASE_URL</c> gives the issuer
/// (<c>{url}/auth/v1</c>) and the JWKS (<c>{url}/auth/v1/.well-known/jwks.json</c>) for ES256/RS256 tokens;
/// <c>EMGS_SUPABASE_JWT_SECRET</c>, when set, also accepts legacy HS256 tokens signed with that secret.
/// </summary>
internal sealed class SupabaseAuthOptions
{
    public Uri? Url { get; set; }

    public string? JwtSecret { get; set; }

    public string Audience { get; set; } = "authenticated";

    /// <summary>Tolerance on <c>exp</c> and <c>nbf</c> for clocks that disagree a little.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long fetched keys are trusted before they are fetched again.</summary>
    public TimeSpan JwksMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An unknown key id fetches the key set again at most this often (a flood of made-up ids costs one fetch).</summary>
    public TimeSpan JwksMinRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string Issuer => BaseUrl() + "/auth/v1";

    public Uri JwksUrl => new(BaseUrl() + "/auth/v1/.well-known/jwks.json");

    /// <summary>What is wrong with these settings, as messages for the operator; empty when usable.</summary>
    public IEnumerable<string> Check()
    {
        if (Url is null)
        {
            yield return "EMGS_SUPABASE_URL is not set: give the project's URL (https://<project>.supabase.co) to accept Supabase sign-in tokens.";
        }
        else if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttps && Url.Scheme != Uri.UriSchemeHttp))
        {
            yield return "EMGS_SUPABASE_URL must be an absolute http(s) URL such as https://<project>.supabase.co.";
        }

        if (JwtSecret is { Length: > 0 and < 32 })
        {
            yield return "EMGS_SUPABASE_JWT_SECRET is shorter than 32 characters: copy the project's full legacy JWT secret, or leave it unset to use only the JWKS.";
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return "The Supabase token audience is empty: leave it unset for \"authenticated\".";
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
        {
            yield return "The Supabase token clock skew must be between 0 and 5 minutes.";
        }
    }

    private string BaseUrl() =>
        (Url ?? throw new InvalidOperationException("EMGS_SUPABASE_URL is not set.")).GetLeftPart(UriPartial.Path).TrimEnd('/');
}
