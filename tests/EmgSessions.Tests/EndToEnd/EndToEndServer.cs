using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Stores;
using EmgSessions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>
/// The one test host: the composition <c>emgs serve</c> runs (<see cref="ServerHost"/> on Kestrel, 127.0.0.1:0) over a local
/// storage folder and a test database. Tests change it only through configuration (<c>overrides</c>), never by
/// registering services of their own.
/// </summary>
internal sealed class EndToEndServer : IAsyncDisposable
{
    public const string Bucket = "c3d-examples";

    private readonly WebApplication _app;

    private EndToEndServer(WebApplication app, string root, HttpClient client)
    {
        _app = app;
        Root = root;
        Client = client;
    }

    public string Root { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public ISessionStore Store => _app.Services.GetRequiredService<ISessionStore>();

    /// <param name="databaseSpec">A database spec; a fresh SQLite file under the server's folder when null.</param>
    /// <param name="overrides">Configuration keys that replace the test defaults (e.g. <c>Workers:Count</c>, <c>Webhook:Secret</c>).</param>
    /// <param name="configure">Called on the built application before it starts (e.g. to add a test middleware).</param>
    /// <param name="services">Last registrations on the real composition (e.g. a test authentication step).</param>
    public static async Task<EndToEndServer> StartAsync(
        string? databaseSpec, IReadOnlyDictionary<string, string?>? overrides = null, Action<WebApplication>? configure = null, Action<IServiceCollection>? services = null)
    {
        var root = Directory.CreateTempSubdirectory("emgs-e2e-").FullName;
        var settings = new Dictionary<string, string?>
        {
            [ConfigurationKeys.Database] = databaseSpec ?? "sqlite:" + Path.Combine(root, "emgs.db"),
            [ConfigurationKeys.Storage] = "local:" + Path.Combine(root, "storage"),
            ["Ingestion:SpoolDirectory"] = Path.Combine(root, "spool"),
            [ConfigurationKeys.Urls] = "http://127.0.0.1:0",
            [ConfigurationKeys.Workers] = "2",
            ["Workers:PollIntervalSeconds"] = "0.2",
            ["Workers:RetryBaseDelaySeconds"] = "0",
            ["Workers:RetryMaxDelaySeconds"] = "0",
            ["Server:Reconciler"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = ServerHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), logging => logging.SetMinimumLevel(LogLevel.Warning), services);
        configure?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EndToEndServer(app, root, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
    }

    /// <summary>Writes an object into the bucket folder, as an upload would.</summary>
    public async Task PutAsync(string key, byte[] bytes)
    {
        var path = Path.Combine(Root, "storage", Bucket, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
    }

    /// <summary>The Supabase database webhook for <paramref name="key"/>.</summary>
    public static string WebhookBody(string key, long size, string type = "INSERT") => JsonSerializer.Serialize(new
    {
        type,
        table = "objects",
        schema = "storage",
        record = new { id = Guid.NewGuid(), bucket_id = Bucket, name = key, metadata = new { size, mimetype = "application/octet-stream" } },
        old_record = (object?)null,
    });

    public async Task<JsonElement> SendWebhookAsync(string key, long size, string type = "INSERT")
    {
        using var content = new StringContent(WebhookBody(key, size, type), Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/webhooks/storage/c3d-upload", content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    public async Task<JsonElement> StatusAsync(Guid id) => await Client.GetFromJsonAsync<JsonElement>($"/webhooks/storage/status/{id}");

    /// <summary>Polls the status endpoint until the session is completed or failed; returns every status seen, in order.</summary>
    public async Task<List<string>> WaitForOutcomeAsync(Guid id, TimeSpan? timeout = null)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            var status = (await StatusAsync(id)).GetProperty("status").GetString()!;
            if (seen.Count == 0 || seen[^1] != status)
            {
                seen.Add(status);
            }

            if (status is SessionStatus.Completed or SessionStatus.Failed)
            {
                return seen;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Session {id} did not finish; statuses seen: {string.Join(" → ", seen)}.");
    }

    /// <summary>
    /// Polls the scores route until the session has its score: Phase 2 completes, then the score is a job of its own, so
    /// the status says completed a moment before the score is there.
    /// </summary>
    public async Task<JsonElement> WaitForScoreAsync(Guid id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await Client.GetAsync($"/api/sessions/{id}/scores");
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Session {id} was not scored in time (last answer {(int)response.StatusCode}).");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
