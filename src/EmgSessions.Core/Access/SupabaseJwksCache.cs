using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace EmgSessions.Core.Access;

/// <summary>
/// The Supabase project's signing keys, fetched from its JWKS and kept for <see cref="SupabaseAuthOptions.JwksMaxAge"/>.
/// A key id that is not in the set fetches it again (keys rotate), at most once per
/// <see cref="SupabaseAuthOptions.JwksMinRefreshInterval"/>. A failed fetch keeps the keys already known.
/// </summary>
internal sealed partial class SupabaseJwksCache : IDisposable
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    private readonly SupabaseAuthOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private IReadOnlyList<JsonWebKey> _keys = [];
    private DateTimeOffset? _fetchedAt;
    private DateTimeOffset? _triedAt;

    public SupabaseJwksCache(SupabaseAuthOptions options, HttpClient http, TimeProvider clock, ILogger logger)
    {
        _options = options;
        _http = http;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>How many times the key set was requested (successfully or not).</summary>
    public int Fetches { get; private set; }

    /// <summary>The keys to try for a token whose header names <paramref name="keyId"/> (may be null).</summary>
    public async Task<IReadOnlyList<JsonWebKey>> KeysForAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (!NeedsFetch(keyId))
        {
            return _keys;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (NeedsFetch(keyId))
            {
                await FetchAsync(cancellationToken);
            }

            return _keys;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    private bool NeedsFetch(string? keyId)
    {
        var now = _clock.GetUtcNow();
        if (_triedAt is { } tried && now - tried < _options.JwksMinRefreshInterval)
        {
            return false;
        }

        var fresh = _fetchedAt is { } fetched && now - fetched < _options.JwksMaxAge;
        var known = keyId is null || _keys.Any(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));
        return !fresh || !known;
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        _triedAt = _clock.GetUtcNow();
        Fetches++;
        var url = _options.JwksUrl;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FetchTimeout);
            using var response = await _http.GetAsync(url, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchFailed(_logger, url, $"HTTP {(int)response.StatusCode}");
                return;
            }

            var json = await response.Content.ReadAsStringAsync(timeout.Token);
            var set = new JsonWebKeySet(json);
            _keys = [.. set.Keys.Where(key => key.Use is null or "sig")];
            _fetchedAt = _triedAt;
            LogFetched(_logger, url, _keys.Count);
        }
        catch (Exception exception) when (exception is HttpRequestException or ArgumentException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(_logger, url, exception.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} Supabase signing keys from {JwksUrl}")]
    private static partial void LogFetched(ILogger logger, Uri jwksUrl, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the Supabase signing keys from {JwksUrl} ({Problem}); keeping the keys already known")]
    private static partial void LogFetchFailed(ILogger logger, Uri jwksUrl, string problem);
}
