using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Tests.Http;

/// <summary>
/// A Supabase-Storage-shaped server on a fixed loopback port that can be down (nothing listening) or up,
/// serving downloads (optionally slowly) and one-level listings from a folder.
/// </summary>
internal sealed class WebhookStorageServer : IAsyncDisposable
{
    public const string Key = "service-key";

    private WebApplication? _app;

    public WebhookStorageServer(string folder)
    {
        Folder = folder;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public string Folder { get; }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public TimeSpan DownloadDelay { get; set; }

    /// <summary>Completed when the first download request arrives (Phase 1 has begun reading the object).</summary>
    public TaskCompletionSource DownloadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, downloads wait for this task before answering: the test decides when the object arrives.</summary>
    public Task? HoldDownloads { get; set; }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/storage/v1/object/authenticated/{bucket}/{**key}", async (string bucket, string key, HttpContext context) =>
        {
            DownloadStarted.TrySetResult();
            if (HoldDownloads is { } hold)
            {
                await hold;
            }

            await Task.Delay(DownloadDelay);
            var path = Path.Combine(Folder, bucket, key);
            return File.Exists(path) ? Results.Bytes(await File.ReadAllBytesAsync(path), "application/octet-stream") : Results.NotFound();
        });
        app.MapPost("/storage/v1/object/list/{bucket}", async (string bucket, HttpRequest request) =>
        {
            var body = await request.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
            var prefix = body!["prefix"].GetString() ?? "";
            var directory = Path.Combine(Folder, bucket, prefix);
            if (!Directory.Exists(directory))
            {
                return Results.Json(Array.Empty<object>());
            }

            var folders = Directory.GetDirectories(directory).Select(d => (object)new { name = Path.GetFileName(d), id = (string?)null });
            var files = Directory.GetFiles(directory).Select(f => (object)new { name = Path.GetFileName(f), id = "x", metadata = new { size = new FileInfo(f).Length } });
            return Results.Json(folders.Concat(files).ToArray());
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
