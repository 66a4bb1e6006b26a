using System.Collections.Concurrent;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Tests.Jobs;

/// <summary>
/// A real handler of one kind for the queue tests: it keeps every job it was given and runs <paramref name="run"/>
/// (which may throw, to exercise retries and failures) before reporting success.
/// </summary>
internal sealed class ScriptedJobHandler(string kind, Func<ClaimedJob, Task>? run = null) : IJobHandler
{
    private readonly ConcurrentQueue<ClaimedJob> _seen = new();

    public string Kind => kind;

    public IReadOnlyList<ClaimedJob> Seen => [.. _seen];

    public async Task<JobHandled> HandleAsync(ClaimedJob job, string workerId, CancellationToken cancellationToken)
    {
        _seen.Enqueue(job);
        if (run is not null)
        {
            await run(job);
        }

        return JobHandled.Succeeded;
    }
}
