using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Tests.Access;
using EmgSessions.Hosting;
using EmgSessions.Tests.EndToEnd;
using Microsoft.IdentityModel.Tokens;

namespace EmgSessions.Tests.Adoption;

/// <summary>
/// Issue 12's proof on an adopted predecessor database: the real <c>emgs serve</c> host (<see cref="EndToEndServer"/>)
/// over a PostgreSQL database made from the predecessor's schema with its own therapist, researcher and patient rows
/// (<see cref="PredecessorRows"/>, plus a second therapist with one patient and one session), configured with the
/// project's legacy JWT secret (HS256) and a local JWKS server (ES256). Supabase tokens are API credentials: the
/// dashboard's pages (browsers, cookies) are not part of this. Run on an August shape (<c>therapists</c>,
/// <c>researcher_profiles</c>, names and dates of birth) and the September shape (<c>user_profiles</c>, no names).
/// </summary>
public abstract class PredecessorSupabaseSessionsTests(PredecessorState state) : IAsyncLifetime
{
    private const string Secret = "the-project-legacy-jwt-secret-of-40-chars";
    private static readonly Guid UserTherapistB = Guid.Parse("10000000-0000-4000-8000-000000000007");
    private static readonly Guid TherapistB = Guid.Parse("20000000-0000-4000-8000-000000000007");
    private static readonly Guid PatientP007 = Guid.Parse("30000000-0000-4000-8000-000000000007");
    private static readonly Guid SessionOfB = Guid.Parse("50000000-0000-4000-8000-000000000007");

    private readonly (SigningCredentials Signing, object PublicJwk) _es256 = TestSigningKeys.NewEs256("project-key-1");
    private PredecessorDatabase _database = null!;
    private JwksServer _jwks = null!;
    private EndToEndServer _server = null!;

    private string Issuer => _jwks.BaseUrl.GetLeftPart(UriPartial.Authority) + "/auth/v1";

    public async Task InitializeAsync()
    {
        _database = await PredecessorDatabase.CreateAsync(state);
        await PredecessorDatabase.ExecuteAsync(_database.Spec, state.IsSeptember ? SeptemberTherapistB() : AugustTherapistB());
        _jwks = await JwksServer.StartAsync();
        _jwks.Keys.Add(_es256.PublicJwk);
        _server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?>
        {
            [ConfigurationKeys.Workers] = "0",
            ["Supabase:Url"] = _jwks.BaseUrl.ToString(),
            ["Supabase:JwtSecret"] = Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _jwks.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_therapists_token_lists_exactly_their_patients_sessions_and_gets_404_for_another_therapists_session()
    {
        var token = Token(_es256.Signing, PredecessorRows.UserTherapist);

        var (status, list) = await GetAsync("/api/sessions/", token);
        var (otherStatus, other) = await GetAsync($"/api/sessions/{SessionOfB}", token);
        var (ownStatus, own) = await GetAsync($"/api/sessions/{PredecessorRows.Completed}", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            new[] { PredecessorRows.Completed, PredecessorRows.PendingPrefixed, PredecessorRows.Processing, PredecessorRows.Failed, PredecessorRows.Reprocessing }.Order(),
            Ids(list).Order());
        Assert.Equal(5, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, otherStatus);
        Assert.DoesNotContain("P007", other.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownStatus);
        Assert.Equal("P001", own.GetProperty("patient").GetProperty("patient_code").GetString());
        Assert.Equal(state.IsSeptember ? null : "Peeters", Text(own.GetProperty("patient"), "last_name"));
    }

    [Fact]
    public async Task The_other_therapists_hs256_token_sees_only_their_one_session_and_not_the_first_therapists()
    {
        var token = Token(TestSigningKeys.Hs256(Secret), UserTherapistB);

        var (status, list) = await GetAsync("/api/sessions/", token);
        var (otherStatus, _) = await GetAsync($"/api/sessions/{PredecessorRows.Completed}", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([SessionOfB], Ids(list));
        Assert.Equal("P007", list.GetProperty("items")[0].GetProperty("patient").GetProperty("patient_code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, otherStatus);
    }

    [Fact]
    public async Task A_researchers_token_lists_every_session_with_patients_pseudonymised()
    {
        var token = Token(TestSigningKeys.Hs256(Secret), PredecessorRows.UserResearcher);

        var (status, list) = await GetAsync("/api/sessions/", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(PredecessorRows.Sessions.Append(SessionOfB).Order(), Ids(list).Order());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, item => Assert.True(item.GetProperty("pseudonymised").GetBoolean()));
        var patients = items.Where(i => i.TryGetProperty("patient", out var p) && p.ValueKind == JsonValueKind.Object).Select(i => i.GetProperty("patient")).ToList();
        Assert.Equal(6, patients.Count);
        Assert.All(patients, p =>
        {
            Assert.Null(Text(p, "first_name"));
            Assert.Null(Text(p, "last_name"));
            Assert.Null(Text(p, "date_of_birth"));
        });
        var raw = list.GetRawText();
        foreach (var identity in new[] { "Peeters", "Jan", "Maes", "Wouters", "1950-02-03", "1948-11-30" })
        {
            Assert.DoesNotContain(identity, raw, StringComparison.Ordinal);
        }

        var p001 = patients.First(p => p.GetProperty("patient_code").GetString() == "P001");
        if (state.IsSeptember)
        {
            Assert.Null(Text(p001, "age_years"));
        }
        else
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            Assert.Equal(Pseudonymiser.AgeInWholeYears(new DateOnly(1950, 2, 3), today), p001.GetProperty("age_years").GetInt32());
        }
    }

    [Fact]
    public async Task An_expired_token_of_a_known_therapist_is_refused_with_401()
    {
        var expired = TestSigningKeys.Mint(
            _es256.Signing, Issuer, "authenticated", PredecessorRows.UserTherapist, DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromHours(1));

        var (status, body) = await GetAsync("/api/sessions/", expired);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain("P001", body.ValueKind == JsonValueKind.Undefined ? string.Empty : body.GetRawText(), StringComparison.Ordinal);
    }

    private string Token(SigningCredentials signing, Guid user) =>
        TestSigningKeys.Mint(signing, Issuer, "authenticated", user, DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromHours(1));

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Authorization", "Bearer " + token);
        using var response = await _server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static List<Guid> Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    /// <summary>A string property's value; null when it is absent or null.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    private static string AugustTherapistB() => $"""
        INSERT INTO auth.users (id, email) VALUES ('{UserTherapistB}', 'bo@example.org');
        INSERT INTO therapists (id, user_id, first_name, last_name) VALUES ('{TherapistB}', '{UserTherapistB}', 'Bo', 'Berg');
        INSERT INTO patients (id, therapist_id, patient_code, first_name, last_name, date_of_birth)
        VALUES ('{PatientP007}', '{TherapistB}', 'P007', 'Lien', 'Wouters', '1955-06-07');
        INSERT INTO therapy_sessions (id, file_path, file_hash, file_size_bytes, patient_id, therapist_id, session_id, session_date, processing_status, game_metadata)
        VALUES ('{SessionOfB}', 'c3d-examples/P007/session1/bo.c3d', '{new string('7', 64)}', 1000, 'P007', '{TherapistB}', 'S1', '2023-04-01T10:00:00Z', 'completed', '{"{}"}');
        """;

    private static string SeptemberTherapistB() => $"""
        INSERT INTO auth.users (id, email) VALUES ('{UserTherapistB}', 'bo@example.org');
        INSERT INTO user_profiles (id, role, first_name, last_name, user_code) VALUES ('{UserTherapistB}', 'therapist', 'Bo', 'Berg', 'T002');
        INSERT INTO patients (id, therapist_id, patient_code, age_group, gender) VALUES ('{PatientP007}', '{UserTherapistB}', 'P007', '51-70', 'F');
        INSERT INTO therapy_sessions (id, file_path, file_hash, file_size_bytes, patient_id, therapist_id, session_date, processing_status, game_metadata, session_code)
        VALUES ('{SessionOfB}', 'c3d-examples/P007/session1/bo.c3d', '{new string('7', 64)}', 1000, '{PatientP007}', '{UserTherapistB}', '2023-04-01T10:00:00Z', 'completed', '{"{}"}', 'P007S001');
        """;
}
