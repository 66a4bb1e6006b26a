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
    private volatile Snapshot _state = new([], null, null);

    public SupabaseJwksCache(SupabaseAuthOptions options, HttpClient http, TimeProvider clock, ILogger logger)
    {
        _options = options;
        _http = http;
        _clock = clock;
        _logger = logger;
    }

    private int _fetches;

    /// <summary>How many times the key set was requested (successfully or not).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The keys to try for a token whose header names <paramref name="keyId"/> (may be null).</summary>
    public async Task<IReadOnlyList<JsonWebKey>> KeysForAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (!NeedsFetch(keyId))
        {
            return _state.Keys;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (NeedsFetch(keyId))
            {
                await FetchAsync(cancellationToken);
            }

            return _state.Keys;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    private bool NeedsFetch(string? keyId)
    {
        var state = _state;
        var now = _clock.GetUtcNow();
        if (state.TriedAt is { } tried && now - tried < _options.JwksMinRefreshInterval)
        {
            return false;
        }

        var fresh = state.FetchedAt is { } fetched && now - fetched < _options.JwksMaxAge;
        var known = keyId is null || state.Keys.Any(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));
        return !fresh || !known;
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        var triedAt = _clock.GetUtcNow();
        _state = _state with { TriedAt = triedAt };
        Interlocked.Increment(ref _fetches);
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
            IReadOnlyList<JsonWebKey> keys = [.. set.Keys.Where(key => key.Use is null or "sig")];
            _state = new Snapshot(keys, triedAt, triedAt);
            LogFetched(_logger, url, keys.Count);
        }
        catch (Exception exception) when (exception is HttpRequestException or ArgumentException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(_logger, url, exception.GetType().Name);
        }
    }

    /// <summary>Keys and fetch times, swapped as one so that readers never see a half-updated cache.</summary>
    private sealed record Snapshot(IReadOnlyList<JsonWebKey> Keys, DateTimeOffset? FetchedAt, DateTimeOffset? TriedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} Supabase signing keys from {JwksUrl}")]
    private static partial void LogFetched(ILogger logger, Uri jwksUrl, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the Supabase signing keys from {JwksUrl} ({Problem}); keeping the keys already known")]
    private static partial void LogFetchFailed(ILogger logger, Uri jwksUrl, string problem);
}
