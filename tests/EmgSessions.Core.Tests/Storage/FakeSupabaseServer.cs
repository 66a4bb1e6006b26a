using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Tests.Storage;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that implements the Supabase Storage routes the client uses
/// (download, list one folder level with limit/offset, upload, bucket list) and can be told to fail.
/// </summary>
internal sealed class FakeSupabaseServer : IAsyncDisposable
{
    public const string ServiceKey = "service-key-for-tests";

    private readonly WebApplication _app;

    private FakeSupabaseServer(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>Raw request targets as they arrived (not decoded).</summary>
    public ConcurrentQueue<string> RawTargets { get; } = new();

    /// <summary>Bodies of list requests.</summary>
    public ConcurrentQueue<JsonElement> ListRequests { get; } = new();

    /// <summary>When set, every storage route answers this status code.</summary>
    public int? FailWith { get; set; }

    /// <summary>When set, every storage route waits this long before answering.</summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>Answer a missing object the way older Supabase versions do: 400 with <c>"statusCode": "404"</c>.</summary>
    public bool LegacyNotFound { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeSupabaseServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSupabaseServer(app);
        app.Use(server.GateAsync);
        app.MapGet("/storage/v1/object/authenticated/{bucket}/{**key}", server.Download);
        app.MapPost("/storage/v1/object/list/{bucket}", server.ListAsync);
        app.MapPost("/storage/v1/object/{bucket}/{**key}", server.UploadAsync);
        app.MapGet("/storage/v1/bucket", () => Results.Json(new[] { new { id = "c3d-examples", name = "c3d-examples" } }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public void Put(string bucket, string key, byte[] bytes) => Objects[bucket + "/" + key] = bytes;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        RawTargets.Enqueue(context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
        if (context.Request.Headers.Authorization != "Bearer " + ServiceKey || context.Request.Headers["apikey"] != ServiceKey)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { statusCode = "403", error = "Unauthorized", message = "Invalid JWT" });
            return;
        }

        if (Delay is { } delay)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { statusCode = status.ToString(System.Globalization.CultureInfo.InvariantCulture), error = "injected" });
            return;
        }

        await next(context);
    }

    private IResult Download(string bucket, string key)
    {
        if (Objects.TryGetValue(bucket + "/" + key, out var bytes))
        {
            return Results.Bytes(bytes, "application/octet-stream");
        }

        return LegacyNotFound
            ? Results.Json(new { statusCode = "404", error = "not_found", message = "Object not found" }, statusCode: 400)
            : Results.Json(new { statusCode = "404", error = "not_found", message = "Object not found" }, statusCode: 404);
    }

    private async Task<IResult> ListAsync(string bucket, HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        ListRequests.Enqueue(body.Clone());
        var prefix = body.GetProperty("prefix").GetString() ?? "";
        var limit = body.GetProperty("limit").GetInt32();
        var offset = body.GetProperty("offset").GetInt32();
        var folder = prefix.Length == 0 ? bucket + "/" : bucket + "/" + prefix.TrimEnd('/') + "/";
        var children = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (path, bytes) in Objects)
        {
            if (!path.StartsWith(folder, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = path[folder.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                var name = rest[..slash];
                children.TryAdd(name, new { name, id = (string?)null, updated_at = (string?)null, metadata = (object?)null });
            }
            else
            {
                children[rest] = new
                {
                    name = rest,
                    id = Guid.NewGuid().ToString(),
                    updated_at = "2025-03-10T11:46:30.123Z",
                    metadata = new { size = bytes.Length, mimetype = "application/octet-stream", eTag = "\"x\"" },
                };
            }
        }

        return Results.Json(children.Values.Skip(offset).Take(limit).ToArray());
    }

    private async Task<IResult> UploadAsync(string bucket, string key, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        Objects[bucket + "/" + key] = buffer.ToArray();
        return Results.Json(new { Key = bucket + "/" + key });
    }
}
