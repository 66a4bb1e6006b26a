using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Signals;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;

namespace EmgSessions.Cli;

/// <summary>
/// What <c>emgs ingest</c> and <c>emgs demo</c> share: put local content into the configured storage,
/// run Phase 1 through <see cref="SessionIngestor.RegisterObjectAsync"/> (as the webhook does), then
/// Phase 2 in-process with the queue worker until every session of the run is completed or failed and the signal
/// summaries its completions enqueued are stored (or their jobs ended).
/// </summary>
internal sealed class IngestPipeline(IObjectStorage storage, SessionIngestor ingestor, ISessionStore store, QueueWorker worker)
{
    /// <summary>Reports (stage, done, total) as the run progresses; stage is "upload" or "process".</summary>
    public async Task<IReadOnlyList<IngestItemResult>> RunAsync(
        IReadOnlyList<IngestItem> items,
        string bucket,
        int slots,
        Action<string, int, int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var phase1 = new List<(IngestItem Item, IngestionResult Result)>(items.Count);
        foreach (var item in items)
        {
            var content = await item.Open(cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                await storage.PutAsync(bucket, item.Key, content, cancellationToken).ConfigureAwait(false);
            }

            phase1.Add((item, await ingestor.RegisterObjectAsync(bucket, item.Key, cancellationToken).ConfigureAwait(false)));
            progress?.Invoke("upload", phase1.Count, items.Count);
        }

        var ids = phase1.Where(p => p.Result.SessionId is not null).Select(p => p.Result.SessionId!.Value).Distinct().ToArray();
        progress?.Invoke("process", 0, ids.Length);
        if (ids.Length > 0)
        {
            await worker.RunAsync(Math.Max(1, slots), async ct =>
            {
                var done = await CountFinishedAsync(ids, ct).ConfigureAwait(false);
                progress?.Invoke("process", done, ids.Length);
                return done == ids.Length && await store.CountActiveJobsAsync(SignalSummaryJobs.Kind, ids, ct).ConfigureAwait(false) == 0;
            }, cancellationToken).ConfigureAwait(false);
        }

        var results = new List<IngestItemResult>(phase1.Count);
        foreach (var (item, result) in phase1)
        {
            var session = result.SessionId is { } id ? await store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false) : null;
            results.Add(new IngestItemResult(item, result, session));
        }

        return results;
    }

    private async Task<int> CountFinishedAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var id in ids)
        {
            var session = await store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
            if (session is null || session.ProcessingStatus is SessionStatus.Completed or SessionStatus.Failed)
            {
                done++;
            }
        }

        return done;
    }
}
