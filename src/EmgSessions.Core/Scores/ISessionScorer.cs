namespace EmgSessions.Core.Scores;

/// <summary>What Phase 2 calls once a session's analytics are stored: compute its score (a failure leaves it stale, for the sweep).</summary>
public interface ISessionScorer
{
    /// <summary>
    /// Stores the scoring inputs the recording carries (its <c>THERAPY</c>/<c>INFO</c> groups) as the session's
    /// <c>recording</c> inputs, before Phase 2 completes; malformed values are left out (the analysis warns of them).
    /// </summary>
    Task RecordInputsAsync(Guid sessionId, C3d.C3dParameters parameters, CancellationToken cancellationToken);

    Task ScoreAfterProcessingAsync(Guid sessionId, CancellationToken cancellationToken);
}
