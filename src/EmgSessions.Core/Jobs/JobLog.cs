using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Jobs;

/// <summary>Log events of the queue's dispatch, for jobs of every kind.</summary>
internal static partial class JobLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Job {JobId} of kind {Kind} failed: no handler for its kind in this worker (known: {Known})")]
    public static partial void UnknownKind(ILogger logger, Guid jobId, string kind, string known);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) attempt {Attempt} failed, retrying at {RunAfter:o}: {Error}")]
    public static partial void RetryScheduled(ILogger logger, Guid jobId, string kind, int attempt, DateTimeOffset runAfter, string error);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) failed permanently: {Error}")]
    public static partial void Failed(ILogger logger, Guid jobId, string kind, string error);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) succeeded")]
    public static partial void Succeeded(ILogger logger, Guid jobId, string kind);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Lost the lease of job {JobId} ({Kind}); another worker owns it now")]
    public static partial void LeaseLost(ILogger logger, Guid jobId, string kind);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Deleted {Count} jobs that ended before {FinishedBefore:o} (retention {RetentionDays} days)")]
    public static partial void Cleaned(ILogger logger, int count, DateTimeOffset finishedBefore, double retentionDays);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "The job retention cleanup failed; next try in {DelayHours} h")]
    public static partial void CleanupUnavailable(ILogger logger, Exception exception, double delayHours);
}
