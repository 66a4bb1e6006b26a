using EmgSessions.Scoring;

namespace EmgSessions.Core.Scores;

/// <summary>A row of <c>scoring_configuration</c>: the configuration and its version among those of the same name (1 = oldest).</summary>
internal sealed record StoredConfiguration(ScoringConfiguration Configuration, int Version, bool IsGlobal);
