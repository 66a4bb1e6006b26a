using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Storage;

/// <summary>
/// Supabase Storage over its REST API (system.md §8), authenticated with the service key. 404 (or the
/// older 400 answer whose body says <c>"statusCode": "404"</c>) is <see cref="StorageObjectNotFoundException"/>;
/// 429, 5xx, other refusals, timeouts and connection errors are <see cref="StorageUnavailableException"/>.
/// Listing walks folders (Supabase lists one level at a time) and pages with limit/offset.
/// </summary>
public sealed partial class SupabaseStorage : IObjectStorage, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly Uri _baseUrl;
    private readonly string _serviceKey;
    private readonly TimeSpan _timeout;
    private readonly int _pageSize;
    private readonly ILogger<SupabaseStorage> _logger;

    /// <param name="http">The client to use; its own timeout should be infinite (this class applies <paramref name="timeout"/>).</param>
    public SupabaseStorage(
        HttpClient http,
        Uri baseUrl,
        string serviceKey,
        TimeSpan timeout,
        int pageSize,
        ILogger<SupabaseStorage> logger,
        bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _http = http;
        _ownsClient = ownsClient;
        _baseUrl = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/");
        _serviceKey = serviceKey;
        _timeout = timeout;
        _pageSize = pageSize;
        _logger = logger;
    }

    public string Kind => "supabase";

    public async Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var uri = ObjectUri("storage/v1/object/authenticated", bucket, key);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        HttpResponseMessage? response = null;
        try
        {
            using var request = NewRequest(HttpMethod.Get, uri);
            response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, $"{bucket}/{key}", timeout.Token, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, $"{bucket}/{key}", timeout.Token, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var stream = new SupabaseDownloadStream(body, response, timeout, response.Content.Headers.ContentLength, cancellationToken, $"{bucket}/{key}");
            response = null;
            timeout = null;
            return stream;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"Supabase Storage did not answer within {_timeout.TotalSeconds:0.#} s for {bucket}/{key}.", e);
        }
        finally
        {
            response?.Dispose();
            timeout?.Dispose();
        }
    }

    public async IAsyncEnumerable<StorageObjectInfo> ListAsync(
        string bucket, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ValidateBucket(bucket);
        var folders = new Queue<string>();
        folders.Enqueue(string.IsNullOrEmpty(prefix) ? "" : prefix.Trim('/'));
        var uri = new Uri(_baseUrl, "storage/v1/object/list/" + Uri.EscapeDataString(bucket));
        while (folders.TryDequeue(out var folder))
        {
            for (var offset = 0; ; offset += _pageSize)
            {
                var page = await ListPageAsync(uri, bucket, folder, offset, cancellationToken).ConfigureAwait(false);
                foreach (var entry in page)
                {
                    if (string.IsNullOrEmpty(entry.Name))
                    {
                        continue;
                    }

                    var key = folder.Length == 0 ? entry.Name : folder + "/" + entry.Name;
                    if (entry.Id is null)
                    {
                        folders.Enqueue(key);
                    }
                    else if (ObjectKey.IsValid(key))
                    {
                        yield return new StorageObjectInfo(bucket, key, entry.Size, entry.UpdatedAt);
                    }
                }

                if (page.Count < _pageSize)
                {
                    break;
                }
            }
        }
    }

    public async Task PutAsync(string bucket, string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var uri = ObjectUri("storage/v1/object", bucket, key);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = NewRequest(HttpMethod.Post, uri);
            request.Headers.Add("x-upsert", "true");
            request.Content = new StreamContent(content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, $"{bucket}/{key}", timeout.Token, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, $"{bucket}/{key}", timeout.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"Supabase Storage did not answer within {_timeout.TotalSeconds:0.#} s for {bucket}/{key}.", e);
        }
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = NewRequest(HttpMethod.Get, new Uri(_baseUrl, "storage/v1/bucket"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogPingFailed(_logger, e.Message);
            return false;
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private async Task<List<ListEntry>> ListPageAsync(Uri uri, string bucket, string folder, int offset, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = NewRequest(HttpMethod.Post, uri);
            request.Content = JsonContent.Create(new
            {
                prefix = folder,
                limit = _pageSize,
                offset,
                sortBy = new { column = "name", order = "asc" },
            });
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, bucket, timeout.Token, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, bucket, timeout.Token, cancellationToken).ConfigureAwait(false);
            var json = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return ParseListing(json, bucket);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"Supabase Storage did not answer within {_timeout.TotalSeconds:0.#} s listing {bucket}.", e);
        }
    }

    private static List<ListEntry> ParseListing(byte[] json, string bucket)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new StorageUnavailableException($"Supabase Storage answered the listing of {bucket} with something other than an array.");
            }

            var entries = new List<ListEntry>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var id = item.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                long? size = item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
                    && m.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var sv) ? sv : null;
                DateTimeOffset? updated = item.TryGetProperty("updated_at", out var u) && u.ValueKind == JsonValueKind.String
                    && u.TryGetDateTimeOffset(out var uv) ? uv : null;
                entries.Add(new ListEntry(name, id, size, updated));
            }

            return entries;
        }
        catch (JsonException e)
        {
            throw new StorageUnavailableException($"Supabase Storage answered the listing of {bucket} with invalid JSON.", e);
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _serviceKey);
        request.Headers.Add("apikey", _serviceKey);
        return request;
    }

    private Uri ObjectUri(string route, string bucket, string key)
    {
        ValidateBucket(bucket);
        if (ObjectKey.Validate(key) is { } problem)
        {
            throw new ArgumentException($"Invalid object key: {problem}.", nameof(key));
        }

        return new Uri(_baseUrl, route + "/" + Uri.EscapeDataString(bucket) + "/" + ObjectKey.EncodePath(key));
    }

    private static void ValidateBucket(string bucket)
    {
        if (ObjectKey.ValidateBucket(bucket) is { } problem)
        {
            throw new ArgumentException($"Invalid bucket name: {problem}.", nameof(bucket));
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, HttpCompletionOption completion, string what, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, timeoutToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            LogRequestFailed(_logger, request.Method.Method, what, e.Message);
            throw new StorageUnavailableException($"Supabase Storage is unreachable ({what}): {e.Message}", e);
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            throw;
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var body = await ReadErrorBodyAsync(response, timeoutToken, callerToken).ConfigureAwait(false);
        LogRefused(_logger, status, what, body);
        if (response.StatusCode == HttpStatusCode.NotFound || (status == 400 && SaysNotFound(body)))
        {
            throw new StorageObjectNotFoundException($"Object not found in Supabase Storage: {what}");
        }

        var reason = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => "is rate limiting (429)",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"refused the service key ({status})",
            _ when status >= 500 => $"failed ({status})",
            _ => $"refused the request ({status})",
        };
        throw new StorageUnavailableException($"Supabase Storage {reason} for {what}.");
    }

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(timeoutToken).ConfigureAwait(false);
            return text.Length > 500 ? text[..500] : text;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !callerToken.IsCancellationRequested)
        {
            return "";
        }
    }

    private static bool SaysNotFound(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("statusCode", out var code)
                && code.ToString() == "404";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supabase Storage {Method} {Object} failed: {Error}")]
    private static partial void LogRequestFailed(ILogger logger, string method, string @object, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supabase Storage answered {Status} for {Object}: {Body}")]
    private static partial void LogRefused(ILogger logger, int status, string @object, string body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supabase Storage ping failed: {Error}")]
    private static partial void LogPingFailed(ILogger logger, string error);

    private sealed record ListEntry(string? Name, string? Id, long? Size, DateTimeOffset? UpdatedAt);
}
