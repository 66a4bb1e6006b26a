namespace EmgSessions.Scoring;

/// <summary>
/// The configuration a session is scored with and where it came from. <see cref="Skipped"/> names ids that were
/// asked for but not available (a session or patient pointing at a configuration that does not exist).
/// </summary>
public sealed record ResolvedConfiguration(
    ScoringConfiguration Configuration,
    ConfigurationSource Source,
    IReadOnlyList<string> Skipped);
