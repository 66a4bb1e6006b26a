using EmgSessions.Core.Jobs;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Tests.Jobs;

/// <summary>
/// A real handler of one kind that holds each job it is given until the test releases it: it says when it started, and
/// whether its cancellation token fired while it held (a handler that is cancelled gives its job back).
/// </summary>
internal sealed class HeldJobHandler(string kind) : IJobHandler
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Kind => kind;

    /// <summary>Completes when the first job reaches the handler.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the handler's token is cancelled while it holds a job.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public async Task<JobHandled> HandleAsync(ClaimedJob job, string workerId, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        try
        {
            await _release.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult();
            throw;
        }

        return JobHandled.Succeeded;
    }
}
