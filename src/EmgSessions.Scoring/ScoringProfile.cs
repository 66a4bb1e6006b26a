namespace EmgSessions.Scoring;

/// <summary>
/// The two predecessor scoring versions, reproduced exactly (scoring.md §2, §3). Their names as stored and
/// typed are <c>ghostly-v1</c> and <c>ghostly-trial</c>; see <see cref="ScoringProfiles"/>.
/// </summary>
public enum ScoringProfile
{
    /// <summary>The predecessor backend of 2025-08-13: fixed weights, uncapped completion, null overall when an input is missing.</summary>
    GhostlyV1,

    /// <summary>The live clinical configuration of September 2025 (the default): weights and RPE table from the configuration.</summary>
    GhostlyTrial,
}
