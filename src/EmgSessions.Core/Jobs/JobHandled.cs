namespace EmgSessions.Core.Jobs;

/// <summary>What a <see cref="IJobHandler"/> leaves to the worker after it returns.</summary>
public enum JobHandled
{
    /// <summary>The work is done: the worker marks the job succeeded.</summary>
    Succeeded,

    /// <summary>The handler recorded the job's outcome itself (succeeded, retried, failed or released).</summary>
    Recorded,
}
