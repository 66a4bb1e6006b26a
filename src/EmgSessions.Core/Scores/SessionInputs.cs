namespace EmgSessions.Core.Scores;

/// <summary>
/// A session's scoring inputs from one source (a row of <c>session_inputs</c>), or a partial change to them: a null
/// field is "not given" (a change leaves the stored value as it is).
/// </summary>
internal sealed record SessionInputs
{
    public required string Source { get; init; }

    public int? Rpe { get; init; }

    public int? GamePointsAchieved { get; init; }

    public int? GamePointsMax { get; init; }

    public double? BfrPressureAop { get; init; }

    public double? BfrPressureAopLeft { get; init; }

    public double? BfrPressureAopRight { get; init; }

    public int? TargetContractionsLeft { get; init; }

    public int? TargetContractionsRight { get; init; }

    /// <summary>Who entered them (an actor's name, <c>recording</c>, or the calling system).</summary>
    public required string EnteredBy { get; init; }

    public required DateTimeOffset EnteredAt { get; init; }

    /// <summary>True when no input is given.</summary>
    public bool IsEmpty =>
        Rpe is null && GamePointsAchieved is null && GamePointsMax is null && BfrPressureAop is null && BfrPressureAopLeft is null
        && BfrPressureAopRight is null && TargetContractionsLeft is null && TargetContractionsRight is null;
}
