using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Jobs;

/// <summary>Log events of the worker slots themselves: start, the queue out of reach, leases taken back, holds.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "Worker slot {WorkerId} could not reach the queue; retrying in {DelaySeconds:F1} s")]
    public static partial void QueueUnavailable(ILogger logger, Exception exception, string workerId, double delaySeconds);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Workers started: {Slots} slots as {WorkerId}, lease {LeaseSeconds} s")]
    public static partial void WorkersStarted(ILogger logger, int slots, string workerId, double leaseSeconds);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Took back {Count} jobs left by a crashed process of worker {WorkerId}")]
    public static partial void LeasesReclaimed(ILogger logger, int count, string workerId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Holding session {SessionId} while {HoldFile} exists (Workers:HoldWhileFileExists)")]
    public static partial void Holding(ILogger logger, Guid sessionId, string holdFile);
}
