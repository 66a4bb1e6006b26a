using System.Globalization;

namespace EmgSessions.Scoring;

/// <summary>
/// Everything a session score is computed from (scoring.md §1): the contraction counts per side (null when that
/// side's analytics are unknown), the expected contractions per side (null: the configuration's default), and the
/// therapist's or game's inputs. The pressure of blood-flow restriction (BFR, % of arterial occlusion pressure) may be
/// given for the session, per side, or both; every given value must lie in the safety window.
/// </summary>
public sealed record ScoringInputs
{
    public SideCounts? Left { get; init; }

    public SideCounts? Right { get; init; }

    public int? ExpectedLeft { get; init; }

    public int? ExpectedRight { get; init; }

    /// <summary>Borg CR10 rating after the session, 0–10.</summary>
    public int? Rpe { get; init; }

    public int? GamePointsAchieved { get; init; }

    public int? GamePointsMax { get; init; }

    public double? BfrPressureAop { get; init; }

    public double? BfrPressureAopLeft { get; init; }

    public double? BfrPressureAopRight { get; init; }

    /// <summary>
    /// The ranges an entered input must respect, each problem named by its field: RPE an integer 0–10, game points
    /// ≥ 0 with the achieved points at most the maximum (the game score is a percentage of the maximum), BFR 0–100 %,
    /// counts ≥ 0, expected contractions ≥ 1. Empty when every input is acceptable.
    /// </summary>
    public IReadOnlyList<ScoringValidationError> Validate()
    {
        var errors = new List<ScoringValidationError>();
        if (Rpe is { } rpe && rpe is < RpeTable.MinRpe or > RpeTable.MaxRpe)
        {
            errors.Add(new("rpe", $"rpe must be an integer from {RpeTable.MinRpe} to {RpeTable.MaxRpe} (Borg CR10); got {Text(rpe)}."));
        }

        if (GamePointsAchieved is < 0)
        {
            errors.Add(new("game_points_achieved", $"game_points_achieved must be 0 or more; got {Text(GamePointsAchieved.Value)}."));
        }

        if (GamePointsMax is < 0)
        {
            errors.Add(new("game_points_max", $"game_points_max must be 0 or more; got {Text(GamePointsMax.Value)}."));
        }

        if (GamePointsAchieved is { } achieved && GamePointsMax is { } max && max >= 0 && achieved > max)
        {
            errors.Add(new("game_points_achieved", $"game_points_achieved ({Text(achieved)}) must not exceed game_points_max ({Text(max)})."));
        }

        CheckPressure(errors, "bfr_pressure_aop", BfrPressureAop);
        CheckPressure(errors, "bfr_pressure_aop_left", BfrPressureAopLeft);
        CheckPressure(errors, "bfr_pressure_aop_right", BfrPressureAopRight);
        CheckCounts(errors, "left", Left);
        CheckCounts(errors, "right", Right);
        CheckExpected(errors, "expected_contractions_left", ExpectedLeft);
        CheckExpected(errors, "expected_contractions_right", ExpectedRight);
        return errors;
    }

    private static void CheckPressure(List<ScoringValidationError> errors, string field, double? pressure)
    {
        if (pressure is { } p && (!double.IsFinite(p) || p < 0 || p > 100))
        {
            errors.Add(new(field, $"{field} must be a percentage of arterial occlusion pressure from 0 to 100; got {p.ToString(CultureInfo.InvariantCulture)}."));
        }
    }

    private static void CheckCounts(List<ScoringValidationError> errors, string side, SideCounts? counts)
    {
        if (counts?.Problem(side) is { } problem)
        {
            errors.Add(new($"{side}_counts", char.ToUpperInvariant(problem[0]) + problem[1..]));
        }
    }

    private static void CheckExpected(List<ScoringValidationError> errors, string field, int? expected)
    {
        if (expected is < 1)
        {
            errors.Add(new(field, $"{field} must be at least 1; got {Text(expected.Value)}."));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
