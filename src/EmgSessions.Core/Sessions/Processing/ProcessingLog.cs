using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>Frequent Phase 2 log events.</summary>
internal static partial class ProcessingLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Claimed session {SessionId} ({FilePath}), attempt {Attempt}, worker {WorkerId}")]
    public static partial void Claimed(ILogger logger, Guid sessionId, string filePath, int attempt, string workerId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Completed session {SessionId} in {ProcessingTimeMs:F1} ms ({Channels} channels, {SamplingRate} Hz)")]
    public static partial void Completed(ILogger logger, Guid sessionId, double processingTimeMs, int? channels, double? samplingRate);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Session {SessionId} failed permanently: {Error}")]
    public static partial void FailedPermanently(ILogger logger, Guid sessionId, string error);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Session {SessionId} attempt {Attempt} failed, retrying at {RunAfter:o}: {Error}")]
    public static partial void RetryScheduled(ILogger logger, Guid sessionId, int attempt, DateTimeOffset runAfter, string error);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Released session {SessionId} on shutdown")]
    public static partial void Released(ILogger logger, Guid sessionId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Lost the lease of session {SessionId}; another worker owns it now")]
    public static partial void LeaseLost(ILogger logger, Guid sessionId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "The object of session {SessionId} ({FilePath}) changed since Phase 1; registered again")]
    public static partial void Reregistered(ILogger logger, Guid sessionId, string filePath);
}
