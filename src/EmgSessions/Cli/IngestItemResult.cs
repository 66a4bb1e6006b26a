using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Stores;

namespace EmgSessions.Cli;

/// <summary>How one file of an ingest run ended: Phase 1's answer and the session as it is now.</summary>
internal sealed record IngestItemResult(IngestItem Item, IngestionResult Phase1, SessionRecord? Session)
{
    /// <summary>The file did not become a completed session.</summary>
    public bool Failed => !Phase1.IsAccepted || Session is null || Session.ProcessingStatus != SessionStatus.Completed;

    public string Status => Session?.ProcessingStatus ?? Phase1.StatusName;

    public string? Error => Session?.ProcessingErrorMessage ?? (Phase1.IsAccepted ? null : Phase1.Message);
}
