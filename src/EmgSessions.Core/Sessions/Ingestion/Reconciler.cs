using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>
/// One reconciliation pass (system.md §4.4): list every accepted bucket, run Phase 1 for each
/// <c>.c3d</c> object that has no session, and give a job back to sessions left pending/reprocessing
/// without one. Objects that vanish between listing and download are reported and, no longer listed,
/// never retried; objects whose listed size is 0 or above the limit are skipped without a download.
/// A list page that fails transiently is listed again after a backoff, up to
/// <see cref="ReconcilerOptions.ListAttempts"/> times, before the pass gives up.
/// </summary>
public sealed class Reconciler(
    IObjectStorage storage,
    ISessionStore store,
    SessionIngestor ingestor,
    FileSpool spool,
    IOptions<WebhookOptions> webhookOptions,
    IOptions<IngestionOptions> ingestionOptions,
    IOptions<ReconcilerOptions> reconcilerOptions,
    TimeProvider timeProvider,
    ILogger<Reconciler> logger)
{
    private const int LookupBatch = 500;

    /// <exception cref="StorageUnavailableException">The bucket could not be listed, even after the retries.</exception>
    /// <exception cref="DatabaseUnavailableException">The database could not be asked.</exception>
    public async Task<ReconcileReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var maxBytes = webhookOptions.Value.MaxFileSizeBytes;
        var listed = 0;
        var skipped = 0;
        var unknown = new List<StorageObjectInfo>();
        foreach (var bucket in webhookOptions.Value.AcceptedBuckets.Distinct(StringComparer.Ordinal))
        {
            var batch = new List<StorageObjectInfo>();
            await foreach (var info in ListWithRetriesAsync(bucket, cancellationToken).ConfigureAwait(false))
            {
                listed++;
                if (!info.Key.EndsWith(".c3d", StringComparison.OrdinalIgnoreCase) || !ObjectKey.IsValid(info.Key))
                {
                    continue;
                }

                batch.Add(info);
                if (batch.Count == LookupBatch)
                {
                    unknown.AddRange(await UnknownAsync(batch, cancellationToken).ConfigureAwait(false));
                    batch.Clear();
                }
            }

            unknown.AddRange(await UnknownAsync(batch, cancellationToken).ConfigureAwait(false));
        }

        var outcomes = new ConcurrentDictionary<IngestionStatus, int>();
        var failures = new ConcurrentBag<ReconcileFailure>();
        var toIngest = new List<StorageObjectInfo>();
        foreach (var info in unknown)
        {
            if (info.Size == 0 || info.Size > maxBytes)
            {
                skipped++;
                var status = info.Size == 0 ? IngestionStatus.EmptyFile : IngestionStatus.TooLarge;
                outcomes.AddOrUpdate(status, 1, (_, n) => n + 1);
                failures.Add(new ReconcileFailure(info.Bucket, info.Key, status, $"listed size {info.Size} bytes; not downloaded"));
            }
            else
            {
                toIngest.Add(info);
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = reconcilerOptions.Value.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(toIngest, parallel, async (info, token) =>
        {
            var result = await ingestor.RegisterObjectAsync(info.Bucket, info.Key, token).ConfigureAwait(false);
            outcomes.AddOrUpdate(result.Status, 1, (_, n) => n + 1);
            if (!result.IsAccepted)
            {
                IngestionLog.ReconcileObjectFailed(logger, info.Bucket, info.Key, result.StatusName, result.Message);
                failures.Add(new ReconcileFailure(info.Bucket, info.Key, result.Status, result.Message));
            }
        }).ConfigureAwait(false);

        var requeued = await store.RequeueOrphansAsync(cancellationToken).ConfigureAwait(false);
        var removed = spool.DeleteOlderThan(timeProvider.GetUtcNow() - ingestionOptions.Value.SpoolRetention);
        var ingested = outcomes.Where(o => new IngestionResult(o.Key, "").IsAccepted).Sum(o => o.Value);
        var report = new ReconcileReport(
            listed,
            unknown.Count,
            ingested,
            skipped,
            failures.OrderBy(f => f.Key, StringComparer.Ordinal).ToList(),
            requeued,
            removed,
            new Dictionary<IngestionStatus, int>(outcomes));
        IngestionLog.ReconcilePass(logger, listed, unknown.Count, ingested, report.Failures.Count, requeued);
        return report;
    }

    /// <summary>
    /// Every object of <paramref name="bucket"/>, each once. When the listing fails transiently it starts over
    /// after a backoff and skips what it already gave, so a failed page is what is retried; the attempts count
    /// again from zero once a new object comes through.
    /// </summary>
    private async IAsyncEnumerable<StorageObjectInfo> ListWithRetriesAsync(string bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = reconcilerOptions.Value;
        var given = new HashSet<string>(StringComparer.Ordinal);
        var failures = 0;
        while (true)
        {
            var listing = storage.ListAsync(bucket, null, cancellationToken).GetAsyncEnumerator(cancellationToken);
            StorageUnavailableException? failure = null;
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await listing.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (StorageUnavailableException e)
                    {
                        failure = e;
                        break;
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    if (given.Add(listing.Current.Key))
                    {
                        failures = 0;
                        yield return listing.Current;
                    }
                }
            }
            finally
            {
                await listing.DisposeAsync().ConfigureAwait(false);
            }

            failures++;
            if (failures >= options.ListAttempts)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            var delay = RetryBackoff.Delay(failures, options.ListRetryDelay, options.ListRetryDelay * 8, Random.Shared.NextDouble());
            IngestionLog.ReconcileListRetry(logger, bucket, failures, options.ListAttempts, delay.TotalSeconds, failure.Message);
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IEnumerable<StorageObjectInfo>> UnknownAsync(List<StorageObjectInfo> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        var unknownPaths = (await store.FindUnknownPathsAsync(batch.Select(b => b.Key).ToList(), cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var unknown = batch.Where(b => unknownPaths.Contains(b.Key)).ToList();
        if (unknown.Count == 0)
        {
            return unknown;
        }

        // The predecessor stored file_path as "bucket/key": an object registered that way is known too.
        var prefixed = unknown.ToDictionary(b => StoredObject.PrefixedPath(b.Bucket, b.Key), StringComparer.Ordinal);
        var stillUnknown = (await store.FindUnknownPathsAsync(prefixed.Keys.ToList(), cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        return unknown.Where(b => stillUnknown.Contains(StoredObject.PrefixedPath(b.Bucket, b.Key))).ToList();
    }
}
