using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Hosting;
using EmgSessions.Http.Auth;
using EmgSessions.Testing.Databases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>
/// The real <c>emgs serve</c> host (ServerHost on Kestrel, 127.0.0.1:0) over a test database, with a fake clock, the
/// test account store and a counting password hasher registered last (unless the test asks for the users table). Clients carry no cookie jar: a signed-in
/// caller sends its session cookie explicitly, so signing one out never affects another.
/// </summary>
internal sealed class AuthTestServer : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly WebApplication _app;
    private readonly string _root;
    private TestDatabase? _ownedDatabase;

    private AuthTestServer(WebApplication app, string root, TestAccountStore accounts, CountingHasher hasher, FakeTimeProvider clock)
    {
        _app = app;
        _root = root;
        Accounts = accounts;
        Hasher = hasher;
        Clock = clock;
        BoundAddress = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Address = new Uri(BoundAddress.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal));
    }

    public TestAccountStore Accounts { get; }

    public CountingHasher Hasher { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Where clients connect (loopback when the server bound every interface).</summary>
    public Uri Address { get; }

    /// <summary>The address Kestrel bound.</summary>
    public string BoundAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="seed">Accounts to create before the server starts (the start-up checks see them).</param>
    /// <param name="registerDirectory">False registers the account store only as <see cref="IAccountLookup"/>.</param>
    /// <param name="usersTable">
    /// True leaves the host's own accounts (the <c>users</c> table and Identity's hasher) in place: the test account
    /// store and the counting hasher are not registered (tests that need neither a hash counter nor a fake store).
    /// </param>
    public static async Task<AuthTestServer> StartAsync(
        string databaseSpec,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<TestAccountStore, CountingHasher>? seed = null,
        bool registerDirectory = true,
        bool usersTable = false)
    {
        var root = Directory.CreateTempSubdirectory("emgs-auth-").FullName;
        var settings = new Dictionary<string, string?>
        {
            [ConfigurationKeys.Database] = databaseSpec,
            [ConfigurationKeys.Storage] = "local:" + Path.Combine(root, "storage"),
            ["Ingestion:SpoolDirectory"] = Path.Combine(root, "spool"),
            [ConfigurationKeys.Urls] = "http://127.0.0.1:0",
            [ConfigurationKeys.Workers] = "0",
            ["Server:Reconciler"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Directory.CreateDirectory(Path.Combine(root, "storage", "c3d-examples"));
        var accounts = new TestAccountStore();
        var hasher = new CountingHasher();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        seed?.Invoke(accounts, hasher);
        var app = ServerHost.Build(
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            logging => logging.SetMinimumLevel(LogLevel.Warning),
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                if (usersTable)
                {
                    return;
                }

                services.AddSingleton<IAccountLookup>(accounts);
                if (registerDirectory)
                {
                    services.AddSingleton<IAccountDirectory>(accounts);
                }
                else
                {
                    // Only the stand-in's directory stays (the users table's would answer for another store).
                    services.RemoveAll<IAccountDirectory>();
                    services.AddSingleton<IAccountDirectory>(sp => sp.GetRequiredService<UnconfiguredAccounts>());
                }

                services.AddSingleton<IPasswordHasher<LocalAccount>>(hasher);
            });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            TestDatabase.DeleteSqliteFolder(root);
            throw;
        }

        return new AuthTestServer(app, root, accounts, hasher, clock);
    }

    /// <summary>
    /// The set-up of the sign-in tests: a server on a new migrated SQLite database of its own (dropped when the server is
    /// disposed) with one therapist account whose password is <see cref="Password"/>.
    /// </summary>
    public static async Task<AuthTestServer> StartWithTherapistAsync(string databasePrefix, string email)
    {
        var database = await TestDatabase.CreateSqliteAsync(databasePrefix, migrated: true);
        try
        {
            var server = await StartAsync(database.Spec);
            server._ownedDatabase = database;
            server.AddAccount(email, Role.Therapist, Guid.NewGuid());
            return server;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds an account whose password is <see cref="Password"/>.</summary>
    public LocalAccount AddAccount(string email, Role role, Guid? therapistId = null) =>
        Accounts.Add(email, Hasher.HashPassword(null!, Password), role, therapistId);

    /// <summary>A client with no cookie jar and no redirects followed.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Address };

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var client = Client();
        return await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password });
    }

    /// <summary>Signs in and returns the session cookie (<c>name=value</c>) and an antiforgery token for it.</summary>
    public async Task<CookieSession> SessionAsync(string email, string password = Password)
    {
        using var response = await SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = CookieHeader(response, "emgs.session");
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/antiforgery");
        request.Headers.Add("Cookie", cookie);
        using var tokenResponse = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var body = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        var antiforgeryCookie = CookieHeader(tokenResponse, "emgs.antiforgery");
        return new CookieSession(cookie + "; " + antiforgeryCookie, body.GetProperty("token").GetString()!);
    }

    /// <summary>The <c>name=value</c> of the cookie <paramref name="name"/> the response sets.</summary>
    public static string CookieHeader(HttpResponseMessage response, string name)
    {
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        var line = setCookie.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal));
        Assert.NotNull(line);
        return line.Split(';')[0];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDatabase.DeleteSqliteFolder(_root);
        if (_ownedDatabase is not null)
        {
            await _ownedDatabase.DisposeAsync();
        }
    }
}
