using EmgSessions.Scoring;

namespace EmgSessions.Core.Scores;

/// <summary>
/// Scores, inputs and scoring configurations in the sessions database (both engines; on an adopted database the
/// predecessor's <c>scoring_configuration</c> and <c>performance_scores</c> as they are).
/// </summary>
internal interface IScoringStore
{
    /// <summary>Every configuration, oldest first, with its version.</summary>
    Task<IReadOnlyList<StoredConfiguration>> ListConfigurationsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a configuration as a new row (a new version when its name exists); with <paramref name="activate"/> it becomes the active version of its name.</summary>
    Task<StoredConfiguration> AddConfigurationAsync(ScoringConfiguration configuration, bool activate, CancellationToken cancellationToken);

    /// <summary>Makes the configuration the only active version of its name; false when it does not exist.</summary>
    Task<bool> ActivateConfigurationAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The session's inputs, one entry per source; null when the session does not exist.</summary>
    Task<IReadOnlyList<SessionInputs>?> GetInputsAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Merges <paramref name="change"/> into the row of its source (given fields replace, others stay); false when the session does not exist.</summary>
    Task<bool> ChangeInputsAsync(Guid sessionId, SessionInputs change, CancellationToken cancellationToken);

    /// <summary>The session's current basis; null when the session does not exist.</summary>
    Task<ScoreBasis?> GetBasisAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a computed score (our row and the predecessor-readable <c>performance_scores</c> row) if the session's
    /// basis is still <paramref name="basis"/>; false when it changed meanwhile (compute again) or the session is gone.
    /// </summary>
    Task<bool> SaveScoreAsync(ScoringResult result, string resultJson, ScoreBasis basis, CancellationToken cancellationToken);

    /// <summary>The session's score, ours or the predecessor's; null when it has none.</summary>
    Task<StoredScore?> GetScoreAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>The scores of many sessions in one read each for ours and the predecessor's, by session; a session without one is absent.</summary>
    Task<IReadOnlyDictionary<Guid, StoredScore>> GetScoresAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken);

    /// <summary>The inputs of many sessions in one read, by session; a session without any is absent.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<SessionInputs>>> GetInputsAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken);

    /// <summary>
    /// Completed sessions whose score is stale: ours with another basis, or none at all (and no predecessor row).
    /// </summary>
    Task<IReadOnlyList<Guid>> StaleSessionsAsync(int limit, CancellationToken cancellationToken);
}
