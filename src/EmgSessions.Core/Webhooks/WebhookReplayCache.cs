using System.Collections.Concurrent;

namespace EmgSessions.Core.Webhooks;

/// <summary>
/// Standard Webhooks message ids seen recently, each kept until its timestamp leaves the tolerance
/// window (after that the timestamp check alone rejects it). Per process, bounded by pruning: a fast
/// first filter in front of the <c>webhook_deliveries</c> table that all processes share.
/// </summary>
public sealed class WebhookReplayCache
{
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>Number of ids held.</summary>
    public int Count => _seen.Count;

    /// <summary>Records <paramref name="id"/>; false when it was already seen and has not expired.</summary>
    public bool TryRegister(string id, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_seen.Count >= PruneThreshold)
        {
            Prune(now);
        }

        while (true)
        {
            if (_seen.TryAdd(id, expiresAt))
            {
                return true;
            }

            if (!_seen.TryGetValue(id, out var existing))
            {
                continue;
            }

            if (existing > now)
            {
                return false;
            }

            if (_seen.TryUpdate(id, expiresAt, existing))
            {
                return true;
            }
        }
    }

    /// <summary>Forgets <paramref name="id"/> (its delivery could not be recorded, so a retry is not a replay).</summary>
    public void Forget(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _seen.TryRemove(id, out _);
    }

    /// <summary>Forgets ids whose window has passed.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (id, expiresAt) in _seen)
        {
            if (expiresAt <= now)
            {
                _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, expiresAt));
            }
        }
    }
}
