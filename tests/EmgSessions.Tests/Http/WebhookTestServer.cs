using EmgSessions.Core.Database;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Hosting;
using EmgSessions.Http;
using EmgSessions.Testing.Databases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Tests.Http;

/// <summary>
/// The webhook endpoints on real Kestrel (127.0.0.1, a free port) with a real store and real storage:
/// the pieces a host composes, nothing replaced.
/// </summary>
internal sealed class WebhookTestServer : IAsyncDisposable
{
    public const string Bucket = "c3d-examples";

    private readonly WebApplication _app;

    private WebhookTestServer(WebApplication app, string root, ISessionStore store, IObjectStorage storage)
    {
        _app = app;
        Root = root;
        Store = store;
        Storage = storage;
        Client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()) };
    }

    public string Root { get; }

    public ISessionStore Store { get; }

    public IObjectStorage Storage { get; }

    public HttpClient Client { get; }

    public LocalFolderStorage Local => new(Path.Combine(Root, "storage"));

    public IServiceProvider Services => _app.Services;

    /// <param name="databaseSpec">A database spec; a fresh SQLite file under the server's folder when null.</param>
    /// <param name="storage">The storage; a LocalFolderStorage under the server's folder when null.</param>
    public static async Task<WebhookTestServer> StartAsync(
        string? secret, string? databaseSpec = null, Func<string, IObjectStorage>? storage = null, IDictionary<string, string?>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "emgs-webhook-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var store = SessionStoreFactory.Create(databaseSpec ?? "sqlite:" + Path.Combine(root, "emgs.db"), NullLoggerFactory.Instance);
        await store.MigrateAsync(CancellationToken.None);
        var objectStorage = storage?.Invoke(root) ?? new LocalFolderStorage(Path.Combine(root, "storage"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>
        {
            ["Webhook:Secret"] = secret,
            ["Ingestion:SpoolDirectory"] = Path.Combine(root, "spool"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(objectStorage);
        builder.Services.AddIngestion(builder.Configuration);
        builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection(ServerOptions.Section));
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.MapWebhookEndpoints();
        await app.StartAsync();
        return new WebhookTestServer(app, root, store, objectStorage);
    }

    public async Task PutAsync(string key, byte[] bytes) =>
        await Local.PutAsync(Bucket, key, new MemoryStream(bytes), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        TestDatabase.DeleteSqliteFolder(Root);
    }

    /// <summary>A new database in the PostgreSQL of EMGS_TEST_POSTGRES (dropped by <see cref="DropPostgresAsync"/>).</summary>
    public static Task<string> CreatePostgresAsync(string name) => TestDatabase.CreatePostgresNamedAsync(name);

    public static Task DropPostgresAsync(string name) => TestDatabase.DropPostgresAsync(name);
}
