using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Testing.Databases;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Http;

/// <summary>
/// The webhook tests' server: the real host (<see cref="EndToEndServer"/>, the composition <c>emgs serve</c> runs)
/// with a webhook secret, no workers and no periodic reconciler, so that tests drive the queue and the reconciler
/// themselves. Everything else is configuration.
/// </summary>
internal sealed class WebhookTestServer : IAsyncDisposable
{
    public const string Bucket = EndToEndServer.Bucket;

    private readonly EndToEndServer _server;

    private WebhookTestServer(EndToEndServer server) => _server = server;

    public string Root => _server.Root;

    public ISessionStore Store => _server.Store;

    public HttpClient Client => _server.Client;

    public LocalFolderStorage Local => new(Path.Combine(Root, "storage"));

    public IServiceProvider Services => _server.Services;

    /// <param name="databaseSpec">A database spec; a fresh SQLite file under the server's folder when null.</param>
    /// <param name="settings">Further configuration, e.g. <c>Storage:Spec</c> for a Supabase-shaped storage or <c>Server:ApiKeys</c>.</param>
    public static async Task<WebhookTestServer> StartAsync(string? secret, string? databaseSpec = null, IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Webhook:Secret"] = secret,
            ["Workers:Count"] = "0",
            ["Cache:CleanupIntervalHours"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return new WebhookTestServer(await EndToEndServer.StartAsync(databaseSpec, configuration));
    }

    /// <summary>Settings for a Supabase-shaped storage at <paramref name="url"/> with the given service key.</summary>
    public static Dictionary<string, string?> SupabaseStorage(Uri url, string key, TimeSpan timeout) => new()
    {
        ["Storage:Spec"] = "supabase:" + url.ToString().TrimEnd('/'),
        ["Storage:ServiceKey"] = key,
        ["Storage:RequestTimeout"] = timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task PutAsync(string key, byte[] bytes) =>
        await Local.PutAsync(Bucket, key, new MemoryStream(bytes), CancellationToken.None);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>A new database in the PostgreSQL of EMGS_TEST_POSTGRES (dropped by <see cref="DropPostgresAsync"/>).</summary>
    public static Task<string> CreatePostgresAsync(string name) => TestDatabase.CreatePostgresNamedAsync(name);

    public static Task DropPostgresAsync(string name) => TestDatabase.DropPostgresAsync(name);
}
