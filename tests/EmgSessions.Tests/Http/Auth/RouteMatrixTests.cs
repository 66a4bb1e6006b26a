using System.Net;
using System.Text;
using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
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
    private static readonly Guid TherapistA = Guid.Parse("0a000000-0000-0000-0000-00000000000a");
    private static readonly Guid TherapistB = Guid.Parse("0b000000-0000-0000-0000-00000000000b");
    private static readonly string UnknownId = Guid.Parse("11111111-2222-3333-4444-555555555555").ToString();
    private static readonly string UnknownHash = new('0', 64);

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
        ["GET /webhooks/storage/status/{id}"] = new($"/webhooks/storage/status/{UnknownId}", null, 401) { ByCaller = c => c == "api key" ? 404 : 401 },
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
    };

    private TestDatabase _database = null!;
    private AuthTestServer _server = null!;
    private readonly Dictionary<string, (Actor? Actor, Action<HttpRequestMessage, bool> Apply)> _callers = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(engine, "emgs-matrix", migrated: true);
        _server = await AuthTestServer.StartAsync(_database.Spec, new Dictionary<string, string?>
        {
            ["Server:ApiKeys"] = ApiKey,
            ["Webhook:Secret"] = WebhookSecret,
        });
        _server.AddAccount("admin@example.org", Role.Admin);
        _server.AddAccount("therapist.a@example.org", Role.Therapist, TherapistA);
        _server.AddAccount("therapist.b@example.org", Role.Therapist, TherapistB);
        _server.AddAccount("researcher@example.org", Role.Researcher);

        _callers["anonymous"] = (null, (_, _) => { });
        _callers["wrong key"] = (null, (r, _) => r.Headers.Add("Authorization", "Bearer not-a-key"));
        _callers["api key"] = (Actor.Machine("api-key-1"), (r, _) => r.Headers.Add("Authorization", "Bearer " + ApiKey));
        await AddPersonAsync("admin", "admin@example.org", Actor.Admin("admin@example.org"));
        await AddPersonAsync("therapist A", "therapist.a@example.org", Actor.Therapist("therapist.a@example.org", TherapistA));
        await AddPersonAsync("therapist B", "therapist.b@example.org", Actor.Therapist("therapist.b@example.org", TherapistB));
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
        var missing = new List<string>();
        foreach (var (key, endpoint) in MappedRoutes())
        {
            var permission = endpoint.Metadata.GetMetadata<RequiredPermission>()?.Permission;
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.True(permission is not null ^ isPublic, $"{key} must carry exactly one of RequirePermission(...) or AllowAnonymous().");
            if (!Routes.TryGetValue(key, out var rule))
            {
                missing.Add(key);
                continue;
            }

            Assert.True(rule.Permission == permission, $"{key}: the matrix expects '{rule.Permission}', the route declares '{permission}'.");
        }

        Assert.True(missing.Count == 0, "Routes with no row in the matrix (add one to RouteMatrixTests.Routes): " + string.Join(", ", missing));
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
                var expected = Expected(rule, caller, actor);
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

    private static int Expected(RouteCase rule, string caller, Actor? actor)
    {
        if (rule.Permission is null)
        {
            return rule.ByCaller?.Invoke(caller) ?? rule.AllowedStatus;
        }

        if (actor is null)
        {
            return 401;
        }

        return AccessRules.Decide(actor, rule.Permission) == AccessDecision.Forbidden ? 403 : rule.AllowedStatus;
    }

    private List<(string Key, RouteEndpoint Endpoint)> MappedRoutes() =>
        [.. _server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => ($"{m} {e.RoutePattern.RawText}", e)))];

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
    }
}

public sealed class SqliteRouteMatrixTests() : RouteMatrixTests(DatabaseEngine.Sqlite);

public sealed class PostgresRouteMatrixTests() : RouteMatrixTests(DatabaseEngine.Postgres);
