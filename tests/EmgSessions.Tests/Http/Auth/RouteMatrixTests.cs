using System.Net;
using System.Text;
using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Http;
using EmgSessions.Testing.Databases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>
/// Every route the real host maps (read from its <see cref="EndpointDataSource"/>) against every kind of caller:
/// anonymous, a wrong API key, an API key, an admin, therapists A and B, a researcher (cookie sessions with their
/// antiforgery token). A route that is not in <see cref="Routes"/> fails the test, so a new route needs a rule here.
/// </summary>
public abstract class RouteMatrixTests(DatabaseEngine engine) : IAsyncLifetime
{
    private const string ApiKey = "matrix-machine-key";
    private const string WebhookSecret = "matrix-webhook-secret";
    private static readonly string UnknownId = Guid.Parse("11111111-2222-3333-4444-555555555555").ToString();
    private static readonly string UnknownHash = new('0', 64);
    private const string UnknownCode = "PNONE9";
    private const string SeededCode = "PZQ7";
    private const string UnknownEmail = "nobody@example.org";

    /// <summary>
    /// "METHOD pattern" → the request to send and the status a caller the route admits gets. Routes that need a
    /// permission answer 401 to anonymous callers and wrong keys and 403 to roles <see cref="AccessRules"/> forbids.
    /// Public routes (webhook: its own secret; health; OpenAPI; sign-in) give the same answer to every caller
    /// unless <see cref="RouteCase.ByCaller"/> says otherwise.
    /// </summary>
    private static readonly Dictionary<string, RouteCase> Routes = new(StringComparer.Ordinal)
    {
        ["GET /openapi/{documentName}.json"] = new("/openapi/v1.json", null, 200),
        ["GET /health/"] = new("/health/", null, 200),
        ["GET /health/ready"] = new("/health/ready", null, 200),
        ["POST /webhooks/storage/c3d-upload"] = new("/webhooks/storage/c3d-upload", "{}", 401),
        ["GET /webhooks/storage/status/{id}"] = new($"/webhooks/storage/status/{UnknownId}", null, 401, Permissions.SessionsRead)
        {
            OwnCredential = true,
            ByCaller = c => c == "api key" ? 404 : 401,
        },
        ["GET /api/sessions/"] = new("/api/sessions/", null, 200, Permissions.SessionsRead),
        ["GET /api/sessions/{id}"] = new($"/api/sessions/{UnknownId}", null, 404, Permissions.SessionsRead),
        ["GET /api/sessions/{id}/analytics"] = new($"/api/sessions/{UnknownId}/analytics", null, 404, Permissions.SessionsRead),
        ["POST /api/sessions/{id}/reprocess"] = new($"/api/sessions/{UnknownId}/reprocess", null, 404, Permissions.SessionsReprocess),
        ["DELETE /api/sessions/{id}"] = new($"/api/sessions/{UnknownId}", null, 404, Permissions.SessionsDelete),
        ["GET /api/cache/stats"] = new("/api/cache/stats", null, 200, Permissions.OperationsRead),
        ["POST /api/cache/cleanup"] = new("/api/cache/cleanup", null, 200, Permissions.OperationsWrite),
        ["DELETE /api/cache/{fileHash}"] = new($"/api/cache/{UnknownHash}", null, 404, Permissions.OperationsWrite),
        ["POST /upload"] = new("/upload", "{}", 415, Permissions.SessionsUpload),
        ["POST /api/auth/sign-in"] = new("/api/auth/sign-in", "{}", 400),
        ["POST /api/auth/login"] = new("/api/auth/login", "{}", 400),
        ["POST /api/auth/sign-out"] = new("/api/auth/sign-out", null, 204),
        ["POST /api/auth/logout"] = new("/api/auth/logout", null, 204),
        ["GET /api/auth/me"] = new("/api/auth/me", null, 200, Permissions.AccountSelf),
        ["POST /api/auth/password"] = new("/api/auth/password", "{}", 400, Permissions.AccountSelf),
        ["GET /api/auth/antiforgery"] = new("/api/auth/antiforgery", null, 200),
        ["GET /api/patients/"] = new("/api/patients/", null, 200, Permissions.PatientsRead),
        ["GET /api/patients/{code}"] = new($"/api/patients/{UnknownCode}", null, 404, Permissions.PatientsRead),
        ["POST /api/patients/"] = new("/api/patients/", "{}", 400, Permissions.PatientsCreate),
        ["PUT /api/patients/{code}"] = new($"/api/patients/{UnknownCode}", "{}", 404, Permissions.PatientsWrite),
        ["PUT /api/patients/{code}/therapist"] = new($"/api/patients/{UnknownCode}/therapist", "{}", 404, Permissions.PatientsAssign),
        ["GET /api/patients/{code}/progress"] = new($"/api/patients/{UnknownCode}/progress", null, 404, Permissions.PatientsRead),
        ["GET /api/therapists/"] = new("/api/therapists/", null, 200, Permissions.TherapistsAdmin),
        ["POST /api/therapists/"] = new("/api/therapists/", "{}", 400, Permissions.TherapistsAdmin),
        ["GET /api/users/"] = new("/api/users/", null, 200, Permissions.UsersAdmin),
        ["POST /api/users/"] = new("/api/users/", "{}", 400, Permissions.UsersAdmin),
        ["POST /api/users/{email}/disable"] = new($"/api/users/{UnknownEmail}/disable", null, 404, Permissions.UsersAdmin),
        ["POST /api/users/{email}/enable"] = new($"/api/users/{UnknownEmail}/enable", null, 404, Permissions.UsersAdmin),
        ["POST /api/users/{email}/reset-password"] = new($"/api/users/{UnknownEmail}/reset-password", null, 404, Permissions.UsersAdmin),
        ["GET /api/audit/"] = new("/api/audit/", null, 200, Permissions.AuditRead),
        ["GET /api/audit/export.csv"] = new("/api/audit/export.csv", null, 200, Permissions.AuditRead),
        ["GET /api/sessions/{id}/scores"] = new($"/api/sessions/{UnknownId}/scores", null, 404, Permissions.SessionsRead),
        ["PUT /api/sessions/{id}/inputs"] = new($"/api/sessions/{UnknownId}/inputs", "{}", 404, Permissions.SessionsAnnotate),
        ["GET /api/sessions/{id}/notes"] = new($"/api/sessions/{UnknownId}/notes", null, 404, Permissions.SessionsAnnotate),
        ["POST /api/sessions/{id}/notes"] = new($"/api/sessions/{UnknownId}/notes", """{"text":"A note on no session."}""", 404, Permissions.SessionsAnnotate),
        ["POST /webhooks/session/{id}/update-future-data"] = new($"/webhooks/session/{UnknownId}/update-future-data", "{}", 401, Permissions.SessionsAnnotate)
        {
            OwnCredential = true,
            ByCaller = c => c == "api key" ? 404 : 401,
        },
        ["GET /api/scoring/configurations/"] = new("/api/scoring/configurations/", null, 200, Permissions.ScoringRead),
        ["GET /api/scoring/configurations/{id}"] = new($"/api/scoring/configurations/{UnknownId}", null, 404, Permissions.ScoringRead),
        ["POST /api/scoring/configurations/"] = new("/api/scoring/configurations/", "{}", 400, Permissions.ScoringWrite),
        ["POST /api/scoring/configurations/{id}/activate"] = new($"/api/scoring/configurations/{UnknownId}/activate", null, 404, Permissions.ScoringWrite),
        ["GET /api/sessions/{id}/signals/{channel}"] = new($"/api/sessions/{UnknownId}/signals/CH1", null, 404, Permissions.SessionsRead),
        ["GET /dashboard/assets/{name}"] = new("/dashboard/assets/no-such-asset.css", null, 404),
        ["GET /_framework/opaque-redirect"] = new("/_framework/opaque-redirect", null, 400, Permissions.SessionsRead),
        ["GET /"] = new("/", null, 200, Permissions.SessionsRead) { Page = true },
        ["POST /"] = new("/", "{}", 400, Permissions.SessionsRead),
        ["GET /sessions"] = new("/sessions", null, 200, Permissions.SessionsRead) { Page = true },
        ["POST /sessions"] = new("/sessions", "{}", 400, Permissions.SessionsRead),
        ["GET /sessions/{Id:guid}"] = new($"/sessions/{UnknownId}", null, 404, Permissions.SessionsRead) { Page = true },
        ["POST /sessions/{Id:guid}"] = new($"/sessions/{UnknownId}", "{}", 400, Permissions.SessionsRead),
        ["GET /patients/{Code}"] = new($"/patients/{UnknownCode}", null, 404, Permissions.SessionsRead) { Page = true },
        ["POST /patients/{Code}"] = new($"/patients/{UnknownCode}", "{}", 400, Permissions.SessionsRead),
        ["GET /analyse"] = new("/analyse", null, 200, Permissions.SessionsRead) { Page = true },
        ["POST /analyse"] = new("/analyse", "{}", 400, Permissions.SessionsRead),
        ["GET /operations"] = new("/operations", null, 200, Permissions.SessionsRead) { Page = true },
        ["POST /operations"] = new("/operations", "{}", 400, Permissions.SessionsRead),
        ["GET /admin"] = new("/admin", null, 200, Permissions.UsersAdmin) { Page = true },
        ["GET /sign-in"] = new("/sign-in", null, 200),
        ["POST /sign-in"] = new("/sign-in", "{}", 400),
        ["GET /api/sessions/{id}/export/contractions.csv"] = new($"/api/sessions/{UnknownId}/export/contractions.csv", null, 404, Permissions.ExportsPatients),
        ["GET /api/sessions/{id}/export/metrics.csv"] = new($"/api/sessions/{UnknownId}/export/metrics.csv", null, 404, Permissions.ExportsPatients),
        ["GET /api/sessions/{id}/export/result.json"] = new($"/api/sessions/{UnknownId}/export/result.json", null, 404, Permissions.ExportsPatients),
        ["GET /api/sessions/{id}/export/signals.csv"] = new($"/api/sessions/{UnknownId}/export/signals.csv", null, 404, Permissions.ExportsPatients),
        ["GET /api/sessions/{id}/export/signals.parquet"] = new($"/api/sessions/{UnknownId}/export/signals.parquet", null, 404, Permissions.ExportsPatients),
        ["GET /api/sessions/{id}/export/recording.c3d"] = new($"/api/sessions/{UnknownId}/export/recording.c3d", null, 404, Permissions.ExportsPatients),
        ["GET /api/export/sessions.csv"] = new("/api/export/sessions.csv", null, 200, Permissions.ExportsCohort),
        ["GET /api/export/sessions.parquet"] = new("/api/export/sessions.parquet", null, 200, Permissions.ExportsCohort),
        ["GET /reports/sessions/{id}"] = new($"/reports/sessions/{UnknownId}", null, 404, Permissions.ExportsPatients),
        ["GET /reports/patients/{code}"] = new($"/reports/patients/{UnknownCode}", null, 404, Permissions.ExportsPatients),
        ["POST /admin"] = new("/admin", "{}", 400, Permissions.UsersAdmin),
    };

    private TestDatabase _database = null!;
    private Guid _therapistA;
    private Guid _therapistB;
    private AuthTestServer _server = null!;
    private readonly Dictionary<string, (Actor? Actor, Action<HttpRequestMessage, bool> Apply)> _callers = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(engine, "emgs-matrix", migrated: true);
        _server = await AuthTestServer.StartAsync(
            _database.Spec,
            new Dictionary<string, string?>
            {
                ["Server:ApiKeys"] = ApiKey,
                ["Webhook:Secret"] = WebhookSecret,
            },
            usersTable: true);
        var accounts = _server.Services.GetRequiredService<AccountAdministration>();
        var setUp = Actor.Machine("matrix-set-up");
        await accounts.AddAsync(setUp, "admin@example.org", Role.Admin, AuthTestServer.Password, null, null, null, null, CancellationToken.None);
        _therapistA = (await accounts.AddAsync(setUp, "therapist.a@example.org", Role.Therapist, AuthTestServer.Password, null, "Anna", "Therapist", null, CancellationToken.None)).User.TherapistId!.Value;
        _therapistB = (await accounts.AddAsync(setUp, "therapist.b@example.org", Role.Therapist, AuthTestServer.Password, null, "Bert", "Therapist", null, CancellationToken.None)).User.TherapistId!.Value;
        await accounts.AddAsync(setUp, "researcher@example.org", Role.Researcher, AuthTestServer.Password, null, null, null, null, CancellationToken.None);

        _callers["anonymous"] = (null, (_, _) => { });
        _callers["wrong key"] = (null, (r, _) => r.Headers.Add("Authorization", "Bearer not-a-key"));
        _callers["api key"] = (Actor.Machine("api-key-1"), (r, _) => r.Headers.Add("Authorization", "Bearer " + ApiKey));
        await AddPersonAsync("admin", "admin@example.org", Actor.Admin("admin@example.org"));
        await AddPersonAsync("therapist A", "therapist.a@example.org", Actor.Therapist("therapist.a@example.org", _therapistA));
        await AddPersonAsync("therapist B", "therapist.b@example.org", Actor.Therapist("therapist.b@example.org", _therapistB));
        await AddPersonAsync("researcher", "researcher@example.org", Actor.Researcher("researcher@example.org"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void Every_mapped_route_declares_a_permission_or_is_public_by_design_and_has_a_row_in_the_matrix()
    {
        var problems = new List<string>();
        foreach (var (key, endpoint) in MappedRoutes())
        {
            var permission = endpoint.Metadata.GetMetadata<RequiredPermission>()?.Permission;
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var ownCredential = Routes.TryGetValue(key, out var row) && row.OwnCredential;
            if (!(permission is not null ^ isPublic) && !(ownCredential && permission is not null))
            {
                problems.Add($"{key} must carry exactly one of RequirePermission(...) or AllowAnonymous().");
            }

            if (!Routes.TryGetValue(key, out var rule))
            {
                problems.Add($"{key} ({permission ?? "public"}) has no row in the matrix: add one to RouteMatrixTests.Routes.");
            }
            else if (rule.Permission != permission)
            {
                problems.Add($"{key}: the matrix expects '{rule.Permission}', the route declares '{permission}'.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(Routes.Count, MappedRoutes().Count);
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_its_permission_and_the_access_rules_say()
    {
        var wrong = new List<string>();
        foreach (var (key, _) in MappedRoutes())
        {
            var rule = Routes[key];
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            foreach (var (caller, (actor, apply)) in _callers)
            {
                var expected = Expected(rule, caller, actor, method);
                using var client = _server.Client();
                using var request = new HttpRequestMessage(new HttpMethod(method), rule.Path);
                if (rule.Body is not null)
                {
                    request.Content = new StringContent(rule.Body, Encoding.UTF8, "application/json");
                }

                apply(request, !HttpMethods.IsGet(method));
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != expected)
                {
                    wrong.Add($"{key} as {caller}: {(int)response.StatusCode}, expected {expected}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task A_researcher_reads_the_seeded_patient_and_session_on_every_route_that_returns_them_without_name_or_date_of_birth()
    {
        var sessionId = await SeedPatientWithSessionAsync();
        string[] routes =
        [
            "/api/sessions/", $"/api/sessions/?patient_id={SeededCode}", $"/api/sessions/{sessionId}",
            "/api/patients/", $"/api/patients/{SeededCode}", $"/api/patients/{SeededCode}/progress", $"/api/sessions/{sessionId}/scores",
            "/", "/sessions", $"/sessions/{sessionId}", $"/patients/{SeededCode}", "/api/export/sessions.csv",
        ];
        string[] identity = ["Zebulon", "Quixotery", "1951-07-19", "19/07/1951", "07/19/1951", "19 Jul 1951", "July 19, 1951"];
        var leaks = new List<string>();
        foreach (var route in routes)
        {
            var researcher = await ReadAsync("researcher", route);
            var admin = await ReadAsync("admin", route);
            if (researcher.Status != admin.Status)
            {
                leaks.Add($"{route}: researcher {researcher.Status}, admin {admin.Status}");
            }

            leaks.AddRange(identity.Where(t => researcher.Body.Contains(t, StringComparison.OrdinalIgnoreCase)).Select(t => $"{route} shows '{t}' to a researcher"));
        }

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
        // The seed is visible: the admin's views carry the name the researcher's lack, and both carry the code.
        var adminPatient = await ReadAsync("admin", $"/api/patients/{SeededCode}");
        var researcherPatient = await ReadAsync("researcher", $"/api/patients/{SeededCode}");
        var researcherSession = await ReadAsync("researcher", $"/api/sessions/{sessionId}");
        Assert.Contains("Quixotery", adminPatient.Body, StringComparison.Ordinal);
        Assert.Contains("1951-07-19", adminPatient.Body, StringComparison.Ordinal);
        Assert.Contains(SeededCode, researcherPatient.Body, StringComparison.Ordinal);
        Assert.Contains(SeededCode, researcherSession.Body, StringComparison.Ordinal);
        Assert.Equal(200, researcherSession.Status);
    }

    [Fact]
    public async Task Therapist_b_gets_not_found_never_forbidden_for_therapist_a_patients_session_and_patient_routes_and_a_sees_them()
    {
        var sessionId = await SeedPatientWithSessionAsync();
        (string Method, string Path, string? Body)[] routes =
        [
            ("GET", $"/api/sessions/{sessionId}", null),
            ("GET", $"/api/sessions/{sessionId}/analytics", null),
            ("GET", $"/api/sessions/{sessionId}/scores", null),
            ("GET", $"/sessions/{sessionId}", null),
            ("GET", $"/api/sessions/{sessionId}/signals/CH1", null),
            ("POST", $"/api/sessions/{sessionId}/reprocess", null),
            ("PUT", $"/api/sessions/{sessionId}/inputs", """{"rpe":5}"""),
            ("GET", $"/api/sessions/{sessionId}/notes", null),
            ("POST", $"/api/sessions/{sessionId}/notes", """{"text":"Therapist B's note."}"""),
            ("GET", $"/api/patients/{SeededCode}", null),
            ("GET", $"/api/patients/{SeededCode}/progress", null),
            ("PUT", $"/api/patients/{SeededCode}", "{}"),
        ];
        var wrong = new List<string>();
        foreach (var (method, path, body) in routes)
        {
            var b = await ReadAsync("therapist B", path, method, body);
            if (b.Status != 404 || b.Body.Contains("Quixotery", StringComparison.Ordinal))
            {
                wrong.Add($"{method} {path} as therapist B: {b.Status}");
            }
        }

        var own = await ReadAsync("therapist A", $"/api/sessions/{sessionId}");
        var ownPatient = await ReadAsync("therapist A", $"/api/patients/{SeededCode}");
        var listB = await ReadAsync("therapist B", "/api/sessions/");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(200, own.Status);
        Assert.Contains("Quixotery", ownPatient.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(sessionId.ToString(), listB.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/webhooks/storage/status/{0}", "GET")]
    [InlineData("/webhooks/session/{0}/update-future-data?rpe=5", "POST")]
    public async Task The_routes_that_check_their_own_credential_admit_the_webhook_secret(string path, string method)
    {
        using var client = _server.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, UnknownId));
        request.Headers.Add("X-Webhook-Secret", WebhookSecret);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_without_its_antiforgery_token_is_refused_on_unsafe_routes_and_machines_are_exempt()
    {
        var session = await _server.SessionAsync("admin@example.org");
        using var client = _server.Client();
        using var withoutToken = new HttpRequestMessage(HttpMethod.Post, "/api/cache/cleanup");
        withoutToken.Headers.Add("Cookie", session.Cookies);
        using var refused = await client.SendAsync(withoutToken);
        using var machine = new HttpRequestMessage(HttpMethod.Post, "/api/cache/cleanup");
        machine.Headers.Add("Authorization", "Bearer " + ApiKey);
        using var accepted = await client.SendAsync(machine);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("antiforgery", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_refusal_says_what_to_do_and_names_the_permission_for_a_forbidden_role()
    {
        using var client = _server.Client();
        using var anonymous = await client.GetAsync("/api/sessions/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cache/stats");
        request.Headers.Add("Cookie", (await _server.SessionAsync("researcher@example.org")).Cookies);
        using var forbidden = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("/api/auth/sign-in", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var body = await forbidden.Content.ReadAsStringAsync();
        Assert.Contains("'researcher'", body, StringComparison.Ordinal);
        Assert.Contains(Permissions.OperationsRead, body, StringComparison.Ordinal);
    }

    private static int Expected(RouteCase rule, string caller, Actor? actor, string method)
    {
        if (rule.Permission is null || rule.OwnCredential)
        {
            return rule.ByCaller?.Invoke(caller) ?? rule.AllowedStatus;
        }

        if (actor is null)
        {
            return rule.Page && HttpMethods.IsGet(method) ? 302 : 401;
        }

        return AccessRules.Decide(actor, rule.Permission) == AccessDecision.Forbidden ? 403 : rule.AllowedStatus;
    }

    private List<(string Key, RouteEndpoint Endpoint)> MappedRoutes() =>
        [.. _server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => ($"{m} {e.RoutePattern.RawText}", e)))];

    /// <summary>A patient of therapist A with a recognisable name and date of birth, and one session linked by its code.</summary>
    private async Task<Guid> SeedPatientWithSessionAsync()
    {
        var patients = _server.Services.GetRequiredService<IPatientStore>();
        await patients.CreatePatientAsync(
            new NewPatient(SeededCode, _therapistA, "Zebulon", "Quixotery", new DateOnly(1951, 7, 19), new DateOnly(2026, 1, 5)), CancellationToken.None);
        var registration = await _server.Services.GetRequiredService<ISessionStore>().RegisterUploadAsync(
            new NewSession($"c3d-examples/{SeededCode}/matrix-session.c3d", new string('a', 64), 1024, "matrix-session.c3d", SeededCode, null, null, "{}"),
            CancellationToken.None);
        return registration.SessionId;
    }

    private async Task<(int Status, string Body)> ReadAsync(string caller, string path, string method = "GET", string? body = null)
    {
        using var client = _server.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        _callers[caller].Apply(request, !HttpMethods.IsGet(method));
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task AddPersonAsync(string name, string email, Actor actor)
    {
        var session = await _server.SessionAsync(email);
        void Apply(HttpRequestMessage request, bool unsafeMethod)
        {
            request.Headers.Add("Cookie", session.Cookies);
            if (unsafeMethod)
            {
                request.Headers.Add("X-CSRF-TOKEN", session.AntiforgeryToken);
            }
        }

        _callers[name] = (actor, Apply);
    }

    private sealed record RouteCase(string Path, string? Body, int AllowedStatus, string? Permission = null)
    {
        public Func<string, int>? ByCaller { get; init; }

        /// <summary>
        /// The route is public to the authorization middleware and checks its own credential (the webhook status
        /// route: the webhook's secret or an API key, in its endpoint filter); it still names the permission the
        /// application layer applies to the actor.
        /// </summary>
        public bool OwnCredential { get; init; }

        /// <summary>A dashboard page: a browser without a session is sent to the sign-in page (302), not answered 401.</summary>
        public bool Page { get; init; }
    }
}

public sealed class SqliteRouteMatrixTests() : RouteMatrixTests(DatabaseEngine.Sqlite);

public sealed class PostgresRouteMatrixTests() : RouteMatrixTests(DatabaseEngine.Postgres);
