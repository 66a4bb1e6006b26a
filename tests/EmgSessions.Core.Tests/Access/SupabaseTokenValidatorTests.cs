using EmgSessions.Core.Access;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace EmgSessions.Core.Tests.Access;

public sealed class SupabaseTokenValidatorTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "legacy-jwt-secret-of-the-project-0123456789";
    private static readonly Guid User = Guid.Parse("5d1f9a8e-3c2b-4a7d-9e6f-0a1b2c3d4e5f");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private readonly (SigningCredentials Signing, object PublicJwk) _es256 = TestSigningKeys.NewEs256("es-key-1");
    private JwksServer _jwks = null!;
    private SupabaseTokenValidator _validator = null!;

    private string Issuer => _jwks.BaseUrl.GetLeftPart(UriPartial.Authority) + "/auth/v1";

    public async Task InitializeAsync()
    {
        _jwks = await JwksServer.StartAsync();
        _jwks.Keys.Add(_es256.PublicJwk);
        _validator = NewValidator(Secret);
    }

    public async Task DisposeAsync() => await _jwks.DisposeAsync();

    public void Dispose()
    {
        _validator.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task A_valid_hs256_token_signed_with_the_legacy_secret_is_accepted()
    {
        var result = await ValidateAsync(Mint(TestSigningKeys.Hs256(Secret)));

        Assert.Equal(new SupabaseIdentity(User, "therapist@example.org", _clock.GetUtcNow().AddHours(1)), result.Identity);
        Assert.Null(result.Rejection);
        Assert.Equal(0, _jwks.Requests);
    }

    [Fact]
    public async Task A_valid_es256_token_is_accepted_with_the_key_from_the_projects_jwks()
    {
        var result = await ValidateAsync(Mint(_es256.Signing));

        Assert.True(result.IsValid, result.Rejection);
        Assert.Equal(User, result.Identity!.Subject);
        Assert.Equal(1, _jwks.Requests);
    }

    [Fact]
    public async Task A_valid_rs256_token_is_accepted_with_the_key_from_the_projects_jwks()
    {
        var rs256 = TestSigningKeys.NewRs256("rs-key-1");
        _jwks.Keys.Add(rs256.PublicJwk);

        var result = await ValidateAsync(Mint(rs256.Signing));

        Assert.True(result.IsValid, result.Rejection);
    }

    [Fact]
    public async Task The_key_set_is_fetched_once_and_reused_for_later_tokens()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await ValidateAsync(Mint(_es256.Signing))).IsValid);
        }

        Assert.Equal(1, _jwks.Requests);
        Assert.Equal(1, _validator.JwksFetches);
    }

    [Fact]
    public async Task An_unknown_key_id_fetches_the_key_set_again_but_at_most_once_per_refresh_interval()
    {
        Assert.True((await ValidateAsync(Mint(_es256.Signing))).IsValid);
        var rotated = TestSigningKeys.NewEs256("es-key-2");
        _jwks.Keys.Add(rotated.PublicJwk);

        var tooSoon = await ValidateAsync(Mint(rotated.Signing));
        Assert.Equal("bad-signature", tooSoon.Rejection);
        Assert.Equal(1, _jwks.Requests);

        _clock.Advance(TimeSpan.FromSeconds(31));
        var afterInterval = await ValidateAsync(Mint(rotated.Signing));
        Assert.True(afterInterval.IsValid, afterInterval.Rejection);
        Assert.Equal(2, _jwks.Requests);
    }

    [Fact]
    public async Task Keys_older_than_their_maximum_age_are_fetched_again()
    {
        Assert.True((await ValidateAsync(Mint(_es256.Signing))).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.True((await ValidateAsync(Mint(_es256.Signing))).IsValid);

        Assert.Equal(2, _jwks.Requests);
    }

    [Fact]
    public async Task An_expired_token_is_rejected()
    {
        var token = TestSigningKeys.Mint(_es256.Signing, Issuer, "authenticated", User, _clock.GetUtcNow().AddHours(-2), TimeSpan.FromHours(1));

        Assert.Equal("expired", (await ValidateAsync(token)).Rejection);
    }

    [Fact]
    public async Task A_token_that_expired_within_the_clock_skew_is_still_accepted_and_one_past_it_is_not()
    {
        var token = TestSigningKeys.Mint(TestSigningKeys.Hs256(Secret), Issuer, "authenticated", User, _clock.GetUtcNow().AddHours(-1).AddSeconds(-20), TimeSpan.FromHours(1));

        Assert.True((await ValidateAsync(token)).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("expired", (await ValidateAsync(token)).Rejection);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_rejected()
    {
        var token = TestSigningKeys.Mint(_es256.Signing, "https://other-project.supabase.co/auth/v1", "authenticated", User, _clock.GetUtcNow(), TimeSpan.FromHours(1));

        Assert.Equal("wrong-issuer", (await ValidateAsync(token)).Rejection);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected()
    {
        var token = TestSigningKeys.Mint(TestSigningKeys.Hs256(Secret), Issuer, "anon", User, _clock.GetUtcNow(), TimeSpan.FromHours(1));

        Assert.Equal("wrong-audience", (await ValidateAsync(token)).Rejection);
    }

    [Fact]
    public async Task An_hs256_token_signed_with_another_secret_is_rejected()
    {
        var token = Mint(TestSigningKeys.Hs256("some-other-projects-secret-0123456789abcdef"));

        Assert.Equal("bad-signature", (await ValidateAsync(token)).Rejection);
    }

    [Fact]
    public async Task An_es256_token_signed_with_a_key_outside_the_jwks_is_rejected_even_under_a_known_key_id()
    {
        var impostor = TestSigningKeys.NewEs256("es-key-1");

        Assert.Equal("bad-signature", (await ValidateAsync(Mint(impostor.Signing))).Rejection);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_rejected()
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var token = TestSigningKeys.Unsigned(new { sub = User.ToString(), iss = Issuer, aud = "authenticated", iat = now, exp = now + 3600, role = "authenticated" });

        Assert.Equal("unsupported-algorithm", (await ValidateAsync(token)).Rejection);
    }

    [Fact]
    public async Task A_signed_token_with_its_signature_stripped_is_rejected()
    {
        var token = Mint(TestSigningKeys.Hs256(Secret));
        var stripped = token[..(token.LastIndexOf('.') + 1)];

        Assert.False((await ValidateAsync(stripped)).IsValid);
    }

    [Fact]
    public async Task An_hs256_token_is_rejected_when_no_legacy_secret_is_configured()
    {
        using var jwksOnly = NewValidator(null);

        var result = await jwksOnly.ValidateAsync(Mint(TestSigningKeys.Hs256(Secret)), CancellationToken.None);

        Assert.Equal("unsupported-algorithm", result.Rejection);
    }

    [Fact]
    public async Task When_the_key_set_cannot_be_fetched_asymmetric_tokens_are_refused_and_the_reason_says_so()
    {
        _jwks.FailWith = 503;

        var result = await ValidateAsync(Mint(_es256.Signing));

        Assert.Equal("signing-keys-unavailable", result.Rejection);
        Assert.Equal(1, _jwks.Requests);
    }

    [Fact]
    public async Task A_token_whose_subject_is_not_a_user_id_is_rejected()
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = "authenticated",
            IssuedAt = _clock.GetUtcNow().UtcDateTime,
            NotBefore = _clock.GetUtcNow().UtcDateTime,
            Expires = _clock.GetUtcNow().AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = "service_role" },
            SigningCredentials = TestSigningKeys.Hs256(Secret),
        });

        Assert.Equal("no-user-id", (await ValidateAsync(token)).Rejection);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    public async Task Garbage_is_rejected_as_malformed(string token)
    {
        Assert.Equal("malformed", (await ValidateAsync(token)).Rejection);
    }

    [Fact]
    public void Settings_without_a_project_url_or_with_a_short_secret_are_refused_with_a_message_naming_the_variable()
    {
        var problems = new SupabaseAuthOptions { JwtSecret = "short" }.Check().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains("EMGS_SUPABASE_URL", problems[0], StringComparison.Ordinal);
        Assert.Contains("EMGS_SUPABASE_JWT_SECRET", problems[1], StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SupabaseTokenValidator(new SupabaseAuthOptions(), _http, _clock, NullLogger<SupabaseTokenValidator>.Instance));
    }

    [Fact]
    public void The_issuer_and_key_set_address_follow_the_project_url()
    {
        var options = new SupabaseAuthOptions { Url = new Uri("https://abcd.supabase.co/") };

        Assert.Equal("https://abcd.supabase.co/auth/v1", options.Issuer);
        Assert.Equal(new Uri("https://abcd.supabase.co/auth/v1/.well-known/jwks.json"), options.JwksUrl);
        Assert.Equal("authenticated", options.Audience);
        Assert.Empty(options.Check());
    }

    private SupabaseTokenValidator NewValidator(string? secret) => new(
        new SupabaseAuthOptions { Url = _jwks.BaseUrl, JwtSecret = secret },
        _http,
        _clock,
        NullLogger<SupabaseTokenValidator>.Instance);

    private string Mint(SigningCredentials signing) =>
        TestSigningKeys.Mint(signing, Issuer, "authenticated", User, _clock.GetUtcNow(), TimeSpan.FromHours(1));

    private Task<SupabaseTokenResult> ValidateAsync(string token) => _validator.ValidateAsync(token, CancellationToken.None);
}
