namespace EmgSessions.Scoring;

/// <summary>
/// A session's scores (scoring.md §4), with the profile, configuration and weights that produced them. Scores are
/// 0–100 (ghostly-v1 can exceed 100 where the predecessor did: completion is not capped there); rates are fractions.
/// A null score means an input was unknown; <see cref="Notes"/> says which and what was done about it.
/// </summary>
public sealed record ScoringResult
{
    public Guid? SessionId { get; init; }

    /// <summary><c>ghostly-v1</c> or <c>ghostly-trial</c>.</summary>
    public required string Profile { get; init; }

    /// <summary>The configuration's id; null for the built-in trial defaults.</summary>
    public Guid? ScoringConfigId { get; init; }

    public required string ScoringConfigName { get; init; }

    public double? OverallScore { get; init; }

    public double? ComplianceScore { get; init; }

    public double? SymmetryScore { get; init; }

    /// <summary>The effort score actually used in the overall score.</summary>
    public double? EffortScore { get; init; }

    /// <summary>The game score actually used in the overall score; null when it was unknown (and dropped).</summary>
    public double? GameScore { get; init; }

    public bool BfrCompliant { get; init; }

    public double? BfrPressureAop { get; init; }

    public double? BfrPressureAopLeft { get; init; }

    public double? BfrPressureAopRight { get; init; }

    /// <summary>The RPE the effort score used (ghostly-trial uses 4 when none was entered).</summary>
    public int? RpePostSession { get; init; }

    /// <summary><c>"entered"</c>, <c>"default"</c> (ghostly-trial without an RPE), or null (ghostly-v1 without an RPE).</summary>
    public string? RpeSource { get; init; }

    public int? GamePointsAchieved { get; init; }

    public int? GamePointsMax { get; init; }

    public double? LeftMuscleCompliance { get; init; }

    public double? RightMuscleCompliance { get; init; }

    public double? CompletionRateLeft { get; init; }

    public double? CompletionRateRight { get; init; }

    public double? IntensityRateLeft { get; init; }

    public double? IntensityRateRight { get; init; }

    public double? DurationRateLeft { get; init; }

    public double? DurationRateRight { get; init; }

    public int ExpectedContractionsLeft { get; init; }

    public int ExpectedContractionsRight { get; init; }

    /// <summary>The weights applied: after renormalisation when a component was dropped (its weight is then 0).</summary>
    public required ScoringWeights WeightsUsed { get; init; }

    public required DataCompleteness DataCompleteness { get; init; }

    /// <summary>Why a score is null or how a missing input was replaced, one sentence each; empty when all inputs were known.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public DateTimeOffset ComputedAt { get; init; }
}
