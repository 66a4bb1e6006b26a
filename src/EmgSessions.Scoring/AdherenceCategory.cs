namespace EmgSessions.Scoring;

/// <summary>Adherence categories (scoring.md §5): ≥ 85 Excellent, ≥ 70 Good, ≥ 50 Moderate, else Poor.</summary>
public enum AdherenceCategory
{
    Poor,
    Moderate,
    Good,
    Excellent,
}
