namespace EmgSessions.Core.Scores;

/// <summary>What Phase 2 calls once a session's analytics are stored: compute its score (a failure leaves it stale, for the sweep).</summary>
public interface ISessionScorer
{
    Task ScoreAfterProcessingAsync(Guid sessionId, CancellationToken cancellationToken);
}
