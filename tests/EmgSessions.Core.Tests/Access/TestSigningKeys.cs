using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EmgSessions.Core.Tests.Access;

/// <summary>Local keys that mint Supabase-shaped access tokens, and their public JWKs.</summary>
internal static class TestSigningKeys
{
    public static (SigningCredentials Signing, object PublicJwk) NewEs256(string keyId)
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        var jwk = new
        {
            kty = "EC",
            crv = "P-256",
            x = Base64UrlEncoder.Encode(parameters.Q.X),
            y = Base64UrlEncoder.Encode(parameters.Q.Y),
            kid = keyId,
            alg = "ES256",
            use = "sig",
        };
        return (new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256), jwk);
    }

    public static (SigningCredentials Signing, object PublicJwk) NewRs256(string keyId)
    {
        var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new
        {
            kty = "RSA",
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
            kid = keyId,
            alg = "RS256",
            use = "sig",
        };
        return (new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256), jwk);
    }

    public static SigningCredentials Hs256(string secret) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);

    /// <summary>A token shaped like Supabase's: sub, email, role, session_id, aud, iss, iat, exp.</summary>
    public static string Mint(SigningCredentials signing, string issuer, string audience, Guid subject, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = subject.ToString(),
                ["email"] = "therapist@example.org",
                ["role"] = "authenticated",
                ["session_id"] = Guid.NewGuid().ToString(),
            },
            SigningCredentials = signing,
        });

    /// <summary>An unsigned token (<c>alg: none</c>) with the given claims.</summary>
    public static string Unsigned(object payload) =>
        Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { alg = "none", typ = "JWT" })) + "." +
        Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload)) + ".";
}
