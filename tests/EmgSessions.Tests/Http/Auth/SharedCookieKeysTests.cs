using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.LoadTesting;
using EmgSessions.Tests.Cli;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>
/// The session cookie and antiforgery tokens outlive the process that issued them: real <c>emgs serve</c> processes,
/// each in its own working folder and with its own home (so nothing but the database is shared), accept what another
/// process on the same database issued — two processes at once on PostgreSQL, a restart on the same SQLite file.
/// </summary>
public sealed class SharedCookieKeysTests : IAsyncLifetime
{
    private const string Email = "ana@example.org";
    private readonly string _root = Directory.CreateTempSubdirectory("emgs-cookie-keys-").FullName;
    private readonly List<ServeProcess> _processes = [];

    [Fact]
    public async Task A_cookie_and_antiforgery_token_issued_by_one_serve_process_are_accepted_by_a_second_on_the_same_postgresql()
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres: true);
        var password = await AddTherapistAsync(database.Spec);
        var first = await ServeAsync("first", database.Spec);
        var (cookie, token) = await SignInAsync(first, password);

        var second = await ServeAsync("second", database.Spec);
        var (meStatus, me) = await MeAsync(second, cookie);
        var withoutToken = await SignOutAsync(second, cookie, antiforgeryToken: null);
        var withToken = await SignOutAsync(second, cookie, token);

        Assert.Equal(HttpStatusCode.OK, meStatus);
        Assert.Equal((Email, "therapist"), (me.GetProperty("email").GetString(), me.GetProperty("role").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken);
        Assert.Equal(HttpStatusCode.NoContent, withToken);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(first, cookie)).Status);
    }

    [Fact]
    public async Task A_cookie_issued_before_a_restart_on_the_same_sqlite_file_is_accepted_after_it_and_a_forged_one_is_not()
    {
        var spec = "sqlite:" + Path.Combine(_root, "data", "emgs.db");
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        var password = await AddTherapistAsync(spec);
        var before = await ServeAsync("before", spec);
        var (cookie, _) = await SignInAsync(before, password);
        await before.DisposeAsync();
        _processes.Remove(before);

        var after = await ServeAsync("after", spec);
        var (status, me) = await MeAsync(after, cookie);
        var session = cookie.Split("; ")[0];
        var forged = await MeAsync(after, session[..^8] + (session.EndsWith("AAAAAAAA", StringComparison.Ordinal) ? "BBBBBBBB" : "AAAAAAAA"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Email, me.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops every serve process the test started (xunit calls this, not IAsyncDisposable, on a test class).</summary>
    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Adds the therapist with <c>emgs users add</c> and returns the one-time password it printed.</summary>
    private static async Task<string> AddTherapistAsync(string spec)
    {
        var added = await EmgsCli.RunAsync("users", "add", Email, "--role", "therapist", "--database", spec);
        Assert.True(added.Code == 0, added.Error);
        return added.Out.Split(": ")[^1].Trim();
    }

    /// <summary>A serve process in its own folder with its own HOME (Data Protection's default key folder is under it).</summary>
    private async Task<ServeProcess> ServeAsync(string name, string spec)
    {
        var folder = Path.Combine(_root, name);
        var home = Path.Combine(folder, "home");
        Directory.CreateDirectory(home);
        var process = await ServeProcess.StartAsync(
            name, Path.Combine(AppContext.BaseDirectory, "emgs.dll"), folder, spec, "local:" + Path.Combine(_root, "storage"), 0,
            new Dictionary<string, string> { ["HOME"] = home }, CancellationToken.None);
        _processes.Add(process);
        return process;
    }

    private static HttpClient Client(ServeProcess process) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = process.BaseAddress };

    /// <summary>Signs in and returns the session and antiforgery cookies (one Cookie header) and the antiforgery token.</summary>
    private static async Task<(string Cookie, string Token)> SignInAsync(ServeProcess process, string password)
    {
        using var client = Client(process);
        using var signedIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = Email, password });
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        var session = AuthTestServer.CookieHeader(signedIn, "emgs.session");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/antiforgery");
        request.Headers.Add("Cookie", session);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        return (session + "; " + AuthTestServer.CookieHeader(response, "emgs.antiforgery"), token);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Me)> MeAsync(ServeProcess process, string cookie)
    {
        using var client = Client(process);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default);
    }

    private static async Task<HttpStatusCode> SignOutAsync(ServeProcess process, string cookie, string? antiforgeryToken)
    {
        using var client = Client(process);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-out");
        request.Headers.Add("Cookie", cookie);
        if (antiforgeryToken is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", antiforgeryToken);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
