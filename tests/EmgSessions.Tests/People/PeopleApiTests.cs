using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;
using EmgSessions.Tests.EndToEnd;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.People;

/// <summary>
/// The patients, therapists, users and audit routes over a real server on both databases: status codes and payloads per
/// role (access.md §1), pseudonymised researcher payloads without name or date-of-birth bytes, and the audit of reads.
/// </summary>
public sealed class PeopleApiTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Patients_answer_each_role_as_access_md_says_and_every_read_by_a_person_is_audited(bool postgres)
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres);
        await using var server = await EndToEndServer.StartAsync(database.Spec, services: TestActors.Register);
        var store = server.Services.GetRequiredService<IPeopleStore>();
        var a = await TherapistAsync(store, "ana@example.org");
        var b = await TherapistAsync(store, "bob@example.org");
        var therapistA = TestActors.Therapist("ana@example.org", a);

        using (var created = await SendAsync(server, HttpMethod.Post, "/api/patients", TestActors.Admin, new
        {
            patient_code = "P001",
            therapist_id = a,
            first_name = "Jan",
            last_name = "Peeters",
            date_of_birth = "1950-02-03",
            targets = new { mvc_ch1 = 0.25, contractions_ch1 = 12 },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/api/patients/P001", created.Headers.Location?.OriginalString);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Peeters", body.GetProperty("last_name").GetString());
            Assert.Equal(0.25, body.GetProperty("targets").GetProperty("mvc_ch1").GetDouble(), 9);
        }

        using (var second = await SendAsync(server, HttpMethod.Post, "/api/patients", TestActors.Admin, new { patient_code = "P002", therapist_id = b, first_name = "Els", last_name = "Maes", date_of_birth = "1948-11-30" }))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        await AssertProblemAsync(server, HttpMethod.Post, "/api/patients", TestActors.Admin, new { patient_code = "P001" }, HttpStatusCode.Conflict,
            "A patient with the code P001 exists already: choose another code, or change that patient.");
        await AssertProblemAsync(server, HttpMethod.Post, "/api/patients", TestActors.Admin, new { patient_code = "P009", targets = new { bfr_percent = 150 } }, HttpStatusCode.BadRequest,
            "bfr_percent must be above 0 and at most 100 (or left out).");
        await AssertProblemAsync(server, HttpMethod.Post, "/api/patients", therapistA, new { patient_code = "P009" }, HttpStatusCode.Forbidden,
            "The role 'therapist' may not use this route (it needs the permission 'patients.create'). Ask an admin if you need it.");

        Assert.Equal(["P001", "P002"], Codes(await GetJsonAsync(server, "/api/patients", TestActors.Admin)));
        Assert.Equal(["P001"], Codes(await GetJsonAsync(server, "/api/patients", therapistA)));
        Assert.Equal("Jan", (await GetJsonAsync(server, "/api/patients/P001", therapistA)).GetProperty("first_name").GetString());
        await AssertProblemAsync(server, HttpMethod.Get, "/api/patients/P002", therapistA, null, HttpStatusCode.NotFound,
            "No patient P002 is visible to you. GET /api/patients lists the patients you may see.");
        await AssertProblemAsync(server, HttpMethod.Get, "/api/patients/P404", TestActors.Admin, null, HttpStatusCode.NotFound,
            "No patient P404 is visible to you. GET /api/patients lists the patients you may see.");
        await AssertProblemAsync(server, HttpMethod.Get, "/api/patients", TestActors.Machine, null, HttpStatusCode.Forbidden,
            "The role 'machine' may not use this route (it needs the permission 'patients.read'). Ask an admin if you need it.");

        // Targets: a therapist changes their own patient's, and gets 404 for another's.
        using (var retarget = await SendAsync(server, HttpMethod.Put, "/api/patients/P001", therapistA, new { mvc_ch2 = 0.5, duration_ch2_ms = 2500 }))
        {
            Assert.Equal(HttpStatusCode.OK, retarget.StatusCode);
            var targets = (await retarget.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("targets");
            Assert.Equal((0.5, 2500.0, JsonValueKind.Null), (targets.GetProperty("mvc_ch2").GetDouble(), targets.GetProperty("duration_ch2_ms").GetDouble(), targets.GetProperty("mvc_ch1").ValueKind));
        }

        await AssertProblemAsync(server, HttpMethod.Put, "/api/patients/P002", therapistA, new { mvc_ch1 = 1.0 }, HttpStatusCode.NotFound,
            "No patient P002 is visible to you. GET /api/patients lists the patients you may see.");
        await AssertProblemAsync(server, HttpMethod.Put, "/api/patients/P001", TestActors.Researcher, new { mvc_ch1 = 1.0 }, HttpStatusCode.Forbidden,
            "The role 'researcher' may not use this route (it needs the permission 'patients.write'). Ask an admin if you need it.");

        // Researchers: every patient, pseudonymised; the bytes of names and dates of birth never leave the server.
        foreach (var path in new[] { "/api/patients", "/api/patients/P001", "/api/patients/P002" })
        {
            using var response = await SendAsync(server, HttpMethod.Get, path, TestActors.Researcher, null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var raw = await response.Content.ReadAsStringAsync();
            foreach (var secret in new[] { "Jan", "Peeters", "Els", "Maes", "1950", "1948", "02-03", "11-30" })
            {
                Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
            }

            Assert.Contains("\"pseudonymised\":true", raw, StringComparison.Ordinal);
        }

        var pseudonymised = await GetJsonAsync(server, "/api/patients/P001", TestActors.Researcher);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(Pseudonymiser.AgeInWholeYears(new DateOnly(1950, 2, 3), today), pseudonymised.GetProperty("age_years").GetInt32());

        // Assignment: admins only; the therapist then sees the patient.
        await AssertProblemAsync(server, HttpMethod.Put, "/api/patients/P002/therapist", therapistA, new { therapist_id = a }, HttpStatusCode.Forbidden,
            "The role 'therapist' may not use this route (it needs the permission 'patients.assign'). Ask an admin if you need it.");
        await AssertProblemAsync(server, HttpMethod.Put, "/api/patients/P002/therapist", TestActors.Admin, new { therapist_id = Guid.Empty }, HttpStatusCode.BadRequest,
            $"No therapist has the id {Guid.Empty}: GET /api/therapists lists them.");
        using (var assigned = await SendAsync(server, HttpMethod.Put, "/api/patients/P002/therapist", TestActors.Admin, new { therapist_id = a }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        Assert.Equal(["P001", "P002"], Codes(await GetJsonAsync(server, "/api/patients", therapistA)));
        Assert.Empty(Codes(await GetJsonAsync(server, "/api/patients", TestActors.Therapist("bob@example.org", b))));

        // Reads by people are in the trail (machines' and refused reads are not).
        var reads = await GetJsonAsync(server, "/api/audit?action=patient.read&limit=100", TestActors.Admin);
        var events = reads.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("subject_id").GetString())).ToList();
        Assert.Contains(("ana@example.org", "P001"), events);
        Assert.Contains(("rita@example.org", "P002"), events);
        Assert.DoesNotContain(events, e => e.Item2 == "P404" || e.Item1 == "ci-key");
        var changes = await GetJsonAsync(server, "/api/audit?action=patient.changed&subject_id=P002", TestActors.Admin);
        Assert.Equal(2, changes.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Admins_create_users_with_a_one_time_password_disable_them_reset_their_password_and_make_therapists(bool postgres)
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres);
        await using var server = await EndToEndServer.StartAsync(database.Spec, services: TestActors.Register);
        var store = server.Services.GetRequiredService<IPeopleStore>();

        string password;
        using (var created = await SendAsync(server, HttpMethod.Post, "/api/users", TestActors.Admin, new { email = "Tina@Example.org", role = "therapist", first_name = "Tina", last_name = "T" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            password = body.GetProperty("one_time_password").GetString()!;
            Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", password);
            Assert.Equal(("Tina@Example.org", "therapist", "active"), (body.GetProperty("user").GetProperty("email").GetString(),
                body.GetProperty("user").GetProperty("role").GetString(), body.GetProperty("user").GetProperty("status").GetString()));
            Assert.DoesNotContain("hash", await created.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var account = (await store.FindByEmailAsync("tina@example.org", CancellationToken.None))!;
        Assert.NotNull(account.TherapistId);
        var therapists = await GetJsonAsync(server, "/api/therapists", TestActors.Admin);
        Assert.Equal(("Tina", "Tina@Example.org"), (therapists[0].GetProperty("first_name").GetString(), therapists[0].GetProperty("email").GetString()));

        await AssertProblemAsync(server, HttpMethod.Post, "/api/users", TestActors.Admin, new { email = "tina@example.org", role = "admin" }, HttpStatusCode.Conflict,
            "A user with the email tina@example.org (or that Supabase user id) exists already: choose another, or reset that user's password.");
        await AssertProblemAsync(server, HttpMethod.Post, "/api/users", TestActors.Admin, new { email = "x@example.org", role = "owner" }, HttpStatusCode.BadRequest,
            "role must be admin, therapist or researcher.");
        await AssertProblemAsync(server, HttpMethod.Get, "/api/users", TestActors.Therapist("tina@example.org", account.TherapistId!.Value), null, HttpStatusCode.Forbidden,
            "The role 'therapist' may not use this route (it needs the permission 'users.admin'). Ask an admin if you need it.");
        await AssertProblemAsync(server, HttpMethod.Get, "/api/therapists", TestActors.Researcher, null, HttpStatusCode.Forbidden,
            "The role 'researcher' may not use this route (it needs the permission 'therapists.admin'). Ask an admin if you need it.");

        using (var disabled = await SendAsync(server, HttpMethod.Post, "/api/users/tina@example.org/disable", TestActors.Admin, null))
        {
            Assert.Equal("disabled", (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        Assert.True((await store.FindByEmailAsync("tina@example.org", CancellationToken.None))!.Disabled);
        string reset;
        using (var response = await SendAsync(server, HttpMethod.Post, "/api/users/tina@example.org/reset-password", TestActors.Admin, null))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            reset = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("one_time_password").GetString()!;
        }

        Assert.NotEqual(password, reset);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<LocalAccount>();
        var stored = (await store.FindByEmailAsync("tina@example.org", CancellationToken.None))!;
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success, hasher.VerifyHashedPassword(stored, stored.PasswordHash, reset));
        await AssertProblemAsync(server, HttpMethod.Post, "/api/users/nobody@example.org/disable", TestActors.Admin, null, HttpStatusCode.NotFound,
            "No account has the email nobody@example.org. GET /api/users lists them.");

        var users = await GetJsonAsync(server, "/api/users", TestActors.Admin);
        Assert.Equal(["Tina@Example.org"], users.EnumerateArray().Select(u => u.GetProperty("email").GetString()));
        // Every change is in the trail under the account's email as it was created.
        var trail = await GetJsonAsync(server, "/api/audit?subject_type=user&subject_id=Tina%40Example.org", TestActors.Admin);
        Assert.Equal(
            new (string?, string?)[] { (AuditActions.PasswordReset, null), (AuditActions.UserChanged, "disabled"), (AuditActions.UserChanged, "created") },
            trail.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("action").GetString(),
                e.GetProperty("details").TryGetProperty("change", out var change) ? change.GetString() : null)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_audit_trail_is_listed_and_exported_to_admins_and_no_route_changes_or_deletes_an_event(bool postgres)
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres);
        await using var server = await EndToEndServer.StartAsync(database.Spec, services: TestActors.Register);
        var store = server.Services.GetRequiredService<IPeopleStore>();
        // Two events a minute apart (the trail lists by time; events of the same millisecond have no defined order).
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        await store.AppendAsync(new AuditEvent(Guid.CreateVersion7(at), at, "admin@example.org", "admin", AuditActions.UserChanged, "user", "=cmd|x", "192.0.2.1",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["note"] = "a, \"quoted\" value" }), CancellationToken.None);
        await store.AppendAsync(new AuditEvent(Guid.CreateVersion7(at.AddMinutes(1)), at.AddMinutes(1), "rita@example.org", "researcher", AuditActions.Export, "export", "cohort", null,
            new Dictionary<string, string>(StringComparer.Ordinal)), CancellationToken.None);

        var page = await GetJsonAsync(server, "/api/audit?limit=1", TestActors.Admin);
        Assert.Equal((2L, 1), (page.GetProperty("total").GetInt64(), page.GetProperty("items").GetArrayLength()));
        Assert.Equal("export", page.GetProperty("items")[0].GetProperty("action").GetString());
        await AssertProblemAsync(server, HttpMethod.Get, "/api/audit?limit=0", TestActors.Admin, null, HttpStatusCode.BadRequest, "limit must be a whole number from 1 to 500.");
        await AssertProblemAsync(server, HttpMethod.Get, "/api/audit", TestActors.Researcher, null, HttpStatusCode.Forbidden,
            "The role 'researcher' may not use this route (it needs the permission 'audit.read'). Ask an admin if you need it.");
        await AssertProblemAsync(server, HttpMethod.Get, "/api/audit/export.csv", TestActors.Machine, null, HttpStatusCode.Forbidden,
            "The role 'machine' may not use this route (it needs the permission 'audit.read'). Ask an admin if you need it.");

        using (var csv = await SendAsync(server, HttpMethod.Get, "/api/audit/export.csv", TestActors.Admin, null))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(AuditCsvHeader, lines[0]);
            Assert.Equal(4, lines.Length); // header, the export itself, the two events
            Assert.Contains(",export,audit,export.csv,", lines[1], StringComparison.Ordinal);
            Assert.Contains(",'=cmd|x,192.0.2.1,\"{\"\"note\"\":\"\"a, \\u0022quoted\\u0022 value\"\"}\"", lines[3], StringComparison.Ordinal);
        }

        // No route under /api/audit accepts anything but GET, and the two events are still there.
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/audit", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Distinct();
        Assert.Equal(["GET"], routes);
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Post, HttpMethod.Patch })
        {
            using var refused = await SendAsync(server, method, "/api/audit", TestActors.Admin, null);
            // No endpoint takes the method: the router's 405 endpoint carries no permission, so the fallback policy refuses it first.
            Assert.True(refused.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.Forbidden, $"{method} answered {refused.StatusCode}");
        }

        Assert.Equal(3, (await store.ListAuditAsync(new AuditQuery(), CancellationToken.None)).Total);
    }

    private const string AuditCsvHeader = "id,at,actor,actor_role,action,subject_type,subject_id,ip,details";

    private static async Task<Guid> TherapistAsync(IPeopleStore store, string email)
    {
        var user = await store.CreateUserAsync(new NewUser(email, "h", Role.Therapist), CancellationToken.None);
        return (await store.CreateTherapistAsync(email[..3], "T", user.Id, CancellationToken.None)).Id;
    }

    private static List<string?> Codes(JsonElement list) => [.. list.EnumerateArray().Select(p => p.GetProperty("patient_code").GetString())];

    private static async Task<HttpResponseMessage> SendAsync(EndToEndServer server, HttpMethod method, string path, string actor, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(TestActors.Header, actor);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await server.Client.SendAsync(request);
    }

    private static async Task<JsonElement> GetJsonAsync(EndToEndServer server, string path, string actor)
    {
        using var response = await SendAsync(server, HttpMethod.Get, path, actor, null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertProblemAsync(EndToEndServer server, HttpMethod method, string path, string actor, object? body, HttpStatusCode status, string detail)
    {
        using var response = await SendAsync(server, method, path, actor, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
