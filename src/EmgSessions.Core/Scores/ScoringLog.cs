using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Scores;

internal static partial class ScoringLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Scored session {SessionId}: overall {OverallScore} ({Profile}, configuration {ScoringConfigId})")]
    public static partial void Scored(ILogger logger, Guid sessionId, double? overallScore, string profile, Guid? scoringConfigId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Session {SessionId} cannot be scored: {Reason}")]
    public static partial void Unscorable(ILogger logger, Guid sessionId, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Scoring session {SessionId} failed; it stays stale for the sweep")]
    public static partial void Failed(ILogger logger, Guid sessionId, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Holding the score of session {SessionId} while {HoldFile} exists (Scoring:HoldWhileFileExists)")]
    public static partial void Holding(ILogger logger, Guid sessionId, string holdFile);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Sweep scored {Count} stale sessions")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "The sweep of stale scores failed; it runs again later")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
