using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Core.Tests.Access;
using EmgSessions.Tests.Adoption;
using Microsoft.IdentityModel.Tokens;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>
/// Supabase access tokens through the real HTTP pipeline of a server that adopted a predecessor database (state
/// <c>a</c>: <c>therapists.user_id</c>, <c>researcher_profiles</c>), with keys served by a local JWKS server and tokens
/// minted with local keys: valid HS256 and ES256 tokens are accepted and mapped to the predecessor's role rows;
/// expired, wrong issuer, wrong audience, wrong key and <c>alg: none</c> are refused with 401.
/// </summary>
public sealed class SupabaseBearerTests : IAsyncLifetime
{
    private const string Secret = "a-legacy-supabase-jwt-secret-of-40-chars!";
    private readonly (SigningCredentials Signing, object PublicJwk) _es256 = TestSigningKeys.NewEs256("es-key-1");
    private PredecessorDatabase _database = null!;
    private JwksServer _jwks = null!;
    private AuthTestServer _server = null!;

    private string Issuer => _jwks.BaseUrl.GetLeftPart(UriPartial.Authority) + "/auth/v1";

    private DateTimeOffset Now => _server.Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        _database = await PredecessorDatabase.CreateAsync(PredecessorState.A);
        _jwks = await JwksServer.StartAsync();
        _jwks.Keys.Add(_es256.PublicJwk);
        _server = await AuthTestServer.StartAsync(_database.Spec, new Dictionary<string, string?>
        {
            ["Supabase:Url"] = _jwks.BaseUrl.ToString(),
            ["Supabase:JwtSecret"] = Secret,
            ["Server:ApiKeys"] = "supabase-test-machine-key",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _jwks.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_es256_token_of_a_therapist_user_is_that_therapist_scoped_to_their_therapist_row()
    {
        var token = TestSigningKeys.Mint(_es256.Signing, Issuer, "authenticated", PredecessorRows.UserTherapist, Now, TimeSpan.FromHours(1));

        var (status, me) = await MeAsync(token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("therapist", me.GetProperty("role").GetString());
        Assert.Equal("therapist@example.org", me.GetProperty("email").GetString());
        Assert.Equal("supabase", me.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task A_valid_hs256_token_of_a_researcher_profile_is_a_researcher_who_may_read_sessions_but_not_operations()
    {
        var token = TestSigningKeys.Mint(TestSigningKeys.Hs256(Secret), Issuer, "authenticated", PredecessorRows.UserResearcher, Now, TimeSpan.FromHours(1));

        var (status, me) = await MeAsync(token);
        var sessions = await GetAsync("/api/sessions/", token);
        var operations = await GetAsync("/api/cache/stats", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("researcher", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, sessions);
        Assert.Equal(HttpStatusCode.Forbidden, operations);
    }

    [Fact]
    public async Task A_researcher_profile_with_the_admin_role_is_an_admin()
    {
        await PredecessorDatabase.ExecuteAsync(_database.Spec, $"UPDATE researcher_profiles SET role = 'admin' WHERE id = '{PredecessorRows.UserResearcher}'");
        var token = TestSigningKeys.Mint(_es256.Signing, Issuer, "authenticated", PredecessorRows.UserResearcher, Now, TimeSpan.FromHours(1));

        var (status, me) = await MeAsync(token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("admin", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Expired_wrong_issuer_wrong_audience_wrong_key_unsigned_and_role_less_tokens_are_refused_with_401()
    {
        var user = PredecessorRows.UserTherapist;
        var hs256 = TestSigningKeys.Hs256(Secret);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["expired"] = TestSigningKeys.Mint(hs256, Issuer, "authenticated", user, Now.AddHours(-2), TimeSpan.FromHours(1)),
            ["wrong issuer"] = TestSigningKeys.Mint(_es256.Signing, "https://other.supabase.co/auth/v1", "authenticated", user, Now, TimeSpan.FromHours(1)),
            ["wrong audience"] = TestSigningKeys.Mint(hs256, Issuer, "anon", user, Now, TimeSpan.FromHours(1)),
            ["wrong HS256 secret"] = TestSigningKeys.Mint(TestSigningKeys.Hs256(new string('x', 40)), Issuer, "authenticated", user, Now, TimeSpan.FromHours(1)),
            ["ES256 key not in the JWKS"] = TestSigningKeys.Mint(TestSigningKeys.NewEs256("es-key-1").Signing, Issuer, "authenticated", user, Now, TimeSpan.FromHours(1)),
            ["alg none"] = TestSigningKeys.Unsigned(new
            {
                sub = user.ToString(),
                aud = "authenticated",
                iss = Issuer,
                exp = Now.AddHours(1).ToUnixTimeSeconds(),
                iat = Now.ToUnixTimeSeconds(),
            }),
            ["no role here"] = TestSigningKeys.Mint(hs256, Issuer, "authenticated", Guid.NewGuid(), Now, TimeSpan.FromHours(1)),
        };

        var answers = new Dictionary<string, HttpStatusCode>(StringComparer.Ordinal);
        foreach (var (name, token) in tokens)
        {
            answers[name] = await GetAsync("/api/sessions/", token);
        }

        Assert.All(answers, answer => Assert.True(answer.Value == HttpStatusCode.Unauthorized, $"{answer.Key}: {answer.Value}"));
    }

    [Fact]
    public async Task Api_keys_keep_working_beside_supabase_tokens()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/cache/stats", "supabase-test-machine-key"));
    }

    private async Task<(HttpStatusCode Status, JsonElement Me)> MeAsync(string token)
    {
        using var client = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Authorization", "Bearer " + token);
        using var response = await client.SendAsync(request);
        var body = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        return (response.StatusCode, body);
    }

    private async Task<HttpStatusCode> GetAsync(string path, string token)
    {
        using var client = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Authorization", "Bearer " + token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
