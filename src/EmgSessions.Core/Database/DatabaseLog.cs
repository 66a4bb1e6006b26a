using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Database;

/// <summary>The frequent log events of the database layer.</summary>
internal static partial class DatabaseLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied migration {Version:000}_{Name} in {ElapsedMs} ms")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, long elapsedMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Adopted a predecessor database of shape {State}: baselined at migration {Version:000} without running it, {Steps} adoption steps, {Applied} migrations applied")]
    public static partial void PredecessorAdopted(ILogger logger, string state, int version, int steps, int applied);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Migration {Version:000}_{Name} failed and was rolled back")]
    public static partial void MigrationFailed(ILogger logger, Exception exception, int version, string name);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Migrating a database of shape {State} failed in {Step}; rolled back, nothing changed")]
    public static partial void AdoptionFailed(ILogger logger, Exception exception, string state, string step);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Database busy; retrying ({Attempt})")]
    public static partial void Busy(ILogger logger, int attempt);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Job listener lost its connection; reconnecting")]
    public static partial void ListenerReconnecting(ILogger logger, Exception exception);

    /// <summary>A SQLite statement as it finished (its text with parameter names, not values); Trace level only.</summary>
    [LoggerMessage(EventId = 4007, Level = LogLevel.Trace, Message = "SQLite statement ran in {ElapsedMs} ms: {Sql}")]
    public static partial void Statement(ILogger logger, double elapsedMs, string sql);
}
