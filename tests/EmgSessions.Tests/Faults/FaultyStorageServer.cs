using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Tests.Faults;

/// <summary>
/// A Supabase Storage stand-in on loopback (system.md §8: download and list routes) that misbehaves on a
/// seeded schedule: 500, 503 and 429 answers, and answers slower than the client's timeout. Counts what it did.
/// </summary>
internal sealed class FaultyStorageServer : IAsyncDisposable
{
    public const string ServiceKey = "fault-campaign-key";

    private readonly Random _random;
    private readonly Lock _lock = new();
    private WebApplication? _app;
    private int _served;
    private int _errors;
    private int _stalls;

    public FaultyStorageServer(string folder, int seed)
    {
        Folder = folder;
        _random = new Random(seed);
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public string Folder { get; }

    public int Port { get; }

    public string Spec => $"supabase:http://127.0.0.1:{Port}";

    /// <summary>Probability of an error answer (500, 503 or 429) per request.</summary>
    public double ErrorRate { get; set; } = 0.3;

    /// <summary>Probability of answering only after <see cref="StallFor"/>.</summary>
    public double StallRate { get; set; } = 0.1;

    public TimeSpan StallFor { get; set; } = TimeSpan.FromSeconds(4);

    public int Served => _served;

    public int Errors => _errors;

    public int Stalls => _stalls;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/storage/v1/object/authenticated/{bucket}/{**key}", async (string bucket, string key, HttpContext context) =>
        {
            if (await MisbehaveAsync(context) is { } fault)
            {
                return fault;
            }

            var path = Path.Combine(Folder, bucket, key);
            if (!File.Exists(path))
            {
                return Results.NotFound();
            }

            Interlocked.Increment(ref _served);
            return Results.Bytes(await File.ReadAllBytesAsync(path), "application/octet-stream");
        });
        app.MapPost("/storage/v1/object/list/{bucket}", async (string bucket, HttpContext context) =>
        {
            if (await MisbehaveAsync(context) is { } fault)
            {
                return fault;
            }

            var body = await context.Request.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
            var prefix = body!.TryGetValue("prefix", out var p) ? p.GetString() ?? "" : "";
            var offset = body.TryGetValue("offset", out var o) ? o.GetInt32() : 0;
            var limit = body.TryGetValue("limit", out var l) ? l.GetInt32() : 100;
            var directory = Path.Combine(Folder, bucket, prefix);
            if (!Directory.Exists(directory))
            {
                return Results.Json(Array.Empty<object>());
            }

            var folders = Directory.GetDirectories(directory).Order(StringComparer.Ordinal).Select(d => (object)new { name = Path.GetFileName(d), id = (string?)null });
            var files = Directory.GetFiles(directory).Order(StringComparer.Ordinal)
                .Select(f => (object)new { name = Path.GetFileName(f), id = "x", metadata = new { size = new FileInfo(f).Length } });
            return Results.Json(folders.Concat(files).Skip(offset).Take(limit).ToArray());
        });
        await app.StartAsync();
        _app = app;
    }

    private async Task<IResult?> MisbehaveAsync(HttpContext context)
    {
        double roll;
        int which;
        lock (_lock)
        {
            roll = _random.NextDouble();
            which = _random.Next(3);
        }

        if (roll < ErrorRate)
        {
            Interlocked.Increment(ref _errors);
            return Results.StatusCode(which switch { 0 => 500, 1 => 503, _ => 429 });
        }

        if (roll < ErrorRate + StallRate)
        {
            Interlocked.Increment(ref _stalls);
            try
            {
                await Task.Delay(StallFor, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return Results.StatusCode(504);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
