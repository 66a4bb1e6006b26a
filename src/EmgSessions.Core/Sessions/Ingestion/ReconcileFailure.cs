namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>An object a reconciler pass could not turn into a session, and why.</summary>
public sealed record ReconcileFailure(string Bucket, string Key, IngestionStatus Status, string Message);
