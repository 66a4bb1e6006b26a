using EmgSessions.Core.Stores;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>Phase 1's frequent log events.</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "Phase 1 {Bucket}/{Key}: session {SessionId} {Outcome} ({Bytes} bytes, {ElapsedMs:0.0} ms)")]
    public static partial void Registered(ILogger logger, string bucket, string key, Guid sessionId, RegistrationOutcome outcome, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 5115, Level = LogLevel.Warning,
        Message = "Phase 1 {Bucket}/{Key}: patient code {PatientCode} is not in patients; session {SessionId} stored without a patient (code kept in game_metadata.unassigned_patient_code)")]
    public static partial void PatientUnassigned(ILogger logger, string bucket, string key, string patientCode, Guid sessionId);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Phase 1 {Bucket}/{Key}: object not found in storage")]
    public static partial void ObjectNotFound(ILogger logger, string bucket, string key);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Phase 1 {Bucket}/{Key}: storage unavailable: {Error}")]
    public static partial void StorageUnavailable(ILogger logger, string bucket, string key, string error);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Phase 1 {Bucket}/{Key}: database unavailable: {Error}")]
    public static partial void DatabaseUnavailable(ILogger logger, string bucket, string key, string error);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Phase 1 {Bucket}/{Key}: refused ({Reason})")]
    public static partial void Refused(ILogger logger, string bucket, string key, string reason);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information,
        Message = "Reconciler pass: {Listed} objects listed, {Unknown} without a session, {Ingested} ingested, {Failed} failed, {Requeued} orphans requeued")]
    public static partial void ReconcilePass(ILogger logger, int listed, int unknown, int ingested, int failed, int requeued);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Warning, Message = "Reconciler: {Bucket}/{Key} not ingested: {Status} {Message}")]
    public static partial void ReconcileObjectFailed(ILogger logger, string bucket, string key, string status, string message);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Warning, Message = "Reconciler pass failed: {Error}")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string error);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Warning, Message = "Reconciler: listing {Bucket} failed (attempt {Attempt} of {Attempts}), retrying in {DelaySeconds:0.#} s: {Error}")]
    public static partial void ReconcileListRetry(ILogger logger, string bucket, int attempt, int attempts, double delaySeconds, string error);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Debug, Message = "Reconciler: another instance is active; skipping this pass")]
    public static partial void ReconcileSkipped(ILogger logger);
}
