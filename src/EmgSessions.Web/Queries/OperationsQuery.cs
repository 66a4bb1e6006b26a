using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;

namespace EmgSessions.Web.Queries;

/// <summary>The Operations page's data: the queue's counts and the health of the database and the storage.</summary>
internal sealed class OperationsQuery(ISessionStore store, IObjectStorage storage)
{
    public async Task<OperationsView> LoadAsync(CancellationToken cancellationToken)
    {
        var queue = await store.GetQueueStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var database = await Probe(() => store.PingAsync(cancellationToken)).ConfigureAwait(false);
        var objects = await Probe(() => storage.PingAsync(cancellationToken)).ConfigureAwait(false);
        var failed = await store.ListSessionsAsync(new SessionQuery(Status: SessionStatus.Failed, Limit: 20), cancellationToken).ConfigureAwait(false);
        return new OperationsView(queue, store.Engine, database, objects, failed.Items);
    }

    private static async Task<bool> Probe(Func<Task<bool>> ping)
    {
        try
        {
            return await ping().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>What the Operations page shows.</summary>
internal sealed record OperationsView(QueueStatistics Queue, string Engine, bool DatabaseHealthy, bool StorageHealthy, IReadOnlyList<SessionRecord> Failed);
