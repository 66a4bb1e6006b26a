using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EmgSessions.Core.Access;

/// <summary>
/// Checks a Supabase Auth access token from <c>Authorization: Bearer</c>: signature (HS256 with the legacy JWT
/// secret, ES256/RS256 with the project's JWKS), issuer <c>{url}/auth/v1</c>, audience, expiry with a small skew,
/// and a <c>sub</c> that is a user id. Unsigned tokens (<c>alg: none</c>) and any other algorithm are refused.
/// </summary>
internal sealed partial class SupabaseTokenValidator : IDisposable
{
    private static readonly string[] AsymmetricAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];

    private readonly SupabaseAuthOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SupabaseTokenValidator> _logger;
    private readonly SupabaseJwksCache _jwks;
    private readonly SymmetricSecurityKey? _secret;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public SupabaseTokenValidator(SupabaseAuthOptions options, HttpClient http, TimeProvider clock, ILogger<SupabaseTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Check().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _clock = clock;
        _logger = logger;
        _jwks = new SupabaseJwksCache(options, http, clock, logger);
        _secret = string.IsNullOrEmpty(options.JwtSecret) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.JwtSecret));
    }

    /// <summary>How many times the JWKS was requested.</summary>
    public int JwksFetches => _jwks.Fetches;

    public async Task<SupabaseTokenResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || !_handler.CanReadToken(token))
        {
            return Reject("malformed");
        }

        JsonWebToken parsed;
        try
        {
            parsed = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return Reject("malformed");
        }

        IReadOnlyList<SecurityKey> keys;
        string[] algorithms;
        if (parsed.Alg == SecurityAlgorithms.HmacSha256 && _secret is not null)
        {
            keys = [_secret];
            algorithms = [SecurityAlgorithms.HmacSha256];
        }
        else if (AsymmetricAlgorithms.Contains(parsed.Alg, StringComparer.Ordinal))
        {
            keys = await _jwks.KeysForAsync(string.IsNullOrEmpty(parsed.Kid) ? null : parsed.Kid, cancellationToken);
            algorithms = AsymmetricAlgorithms;
            if (keys.Count == 0)
            {
                return Reject("signing-keys-unavailable");
            }
        }
        else
        {
            return Reject("unsupported-algorithm");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = _options.ClockSkew,
            LifetimeValidator = CheckLifetime,
        };
        var result = await _handler.ValidateTokenAsync(parsed, parameters);
        if (!result.IsValid)
        {
            return Reject(ReasonFor(result.Exception));
        }

        var valid = (JsonWebToken)result.SecurityToken;
        if (!Guid.TryParse(valid.Subject, out var subject))
        {
            return Reject("no-user-id");
        }

        var email = valid.TryGetPayloadValue<string>("email", out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        return new SupabaseTokenResult(new SupabaseIdentity(subject, email, new DateTimeOffset(valid.ValidTo, TimeSpan.Zero)), null);
    }

    public void Dispose() => _jwks.Dispose();

    /// <summary>Expiry and not-before against the injected clock (the library's own check reads the system clock).</summary>
    private bool CheckLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > now + _options.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.");
        }

        if (expiry < now - _options.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.");
        }

        return true;
    }

    private static string ReasonFor(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not-yet-valid",
        SecurityTokenNoExpirationException => "no-expiry",
        SecurityTokenInvalidIssuerException => "wrong-issuer",
        SecurityTokenInvalidAudienceException => "wrong-audience",
        SecurityTokenInvalidAlgorithmException => "unsupported-algorithm",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "bad-signature",
        _ => "invalid",
    };

    private SupabaseTokenResult Reject(string reason)
    {
        LogRejected(_logger, reason);
        return SupabaseTokenResult.Rejected(reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a Supabase access token: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
