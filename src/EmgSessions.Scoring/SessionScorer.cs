using System.Globalization;

namespace EmgSessions.Scoring;

/// <summary>
/// Computes a session's GHOSTLY+ scores (scoring.md §2–§4). Pure and deterministic: the same inputs, profile and
/// configuration give the same result; the caller supplies the clock.
/// </summary>
public static class SessionScorer
{
    /// <summary>The RPE ghostly-trial uses when none was entered.</summary>
    public const int TrialDefaultRpe = 4;

    /// <exception cref="ScoringInputException">Negative counts or an expected count below 1; in ghostly-trial, an RPE the configuration's table does not rate.</exception>
    /// <exception cref="ScoringConfigurationException">The configuration's weights or RPE table are invalid.</exception>
    public static ScoringResult Score(
        ScoringProfile profile,
        ScoringInputs inputs,
        ScoringConfiguration configuration,
        DateTimeOffset computedAt,
        Guid? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.EnsureValid();
        var trial = profile switch
        {
            ScoringProfile.GhostlyV1 => false,
            ScoringProfile.GhostlyTrial => true,
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown scoring profile."),
        };
        var notes = new List<string>();
        var weights = trial ? configuration.Weights : ScoringWeights.GhostlyV1;
        var expectedLeft = Expected(inputs.ExpectedLeft, configuration, "left");
        var expectedRight = Expected(inputs.ExpectedRight, configuration, "right");
        var left = Side(inputs.Left, expectedLeft, weights, capped: trial, "left", notes);
        var right = Side(inputs.Right, expectedRight, weights, capped: trial, "right", notes);

        // C_BFR gates compliance only; symmetry uses the ungated side scores.
        var bfrCompliant = BfrWindow.Compliant(inputs.BfrPressureAop, inputs.BfrPressureAopLeft, inputs.BfrPressureAopRight);
        if (!bfrCompliant)
        {
            notes.Add($"BFR pressure outside {BfrWindow.MinPressureAop.ToString(CultureInfo.InvariantCulture)}–{BfrWindow.MaxPressureAop.ToString(CultureInfo.InvariantCulture)} % AOP: compliance is 0.");
        }

        double? compliance = null, symmetry = null;
        if (left.Score is { } sl && right.Score is { } sr)
        {
            compliance = ((sl + sr) / 2) * (bfrCompliant ? 1.0 : 0.0);
            symmetry = sl + sr == 0 ? 0 : (1 - (Math.Abs(sl - sr) / (sl + sr))) * 100;
        }

        var (effort, rpeUsed, rpeSource) = trial ? TrialEffort(inputs.Rpe, configuration.RpeTable, notes) : V1Effort(inputs.Rpe, notes);
        var game = Game(inputs.GamePointsAchieved, inputs.GamePointsMax, notes);
        var (overall, weightsUsed, gameUsed) = trial
            ? TrialOverall(compliance, symmetry, effort, game, weights, notes)
            : V1Overall(compliance, symmetry, effort, game, weights, notes);

        return new ScoringResult
        {
            SessionId = sessionId,
            Profile = profile.Name(),
            ScoringConfigId = configuration.Id,
            ScoringConfigName = configuration.Name,
            OverallScore = overall,
            ComplianceScore = compliance,
            SymmetryScore = symmetry,
            EffortScore = effort,
            GameScore = gameUsed,
            BfrCompliant = bfrCompliant,
            BfrPressureAop = SessionPressure(inputs),
            BfrPressureAopLeft = inputs.BfrPressureAopLeft,
            BfrPressureAopRight = inputs.BfrPressureAopRight,
            RpePostSession = rpeUsed,
            RpeSource = rpeSource,
            GamePointsAchieved = inputs.GamePointsAchieved,
            GamePointsMax = inputs.GamePointsMax,
            LeftMuscleCompliance = left.Score,
            RightMuscleCompliance = right.Score,
            CompletionRateLeft = left.Completion,
            CompletionRateRight = right.Completion,
            IntensityRateLeft = left.Intensity,
            IntensityRateRight = right.Intensity,
            DurationRateLeft = left.Duration,
            DurationRateRight = right.Duration,
            ExpectedContractionsLeft = expectedLeft,
            ExpectedContractionsRight = expectedRight,
            WeightsUsed = weightsUsed,
            DataCompleteness = new DataCompleteness(
                HasEmgData: inputs.Left is not null && inputs.Right is not null,
                HasRpe: inputs.Rpe is not null,
                HasGameData: inputs.GamePointsAchieved is not null && inputs.GamePointsMax is not null,
                HasBfrData: inputs.BfrPressureAop is not null || inputs.BfrPressureAopLeft is not null || inputs.BfrPressureAopRight is not null),
            Notes = notes,
            ComputedAt = computedAt,
        };
    }

    /// <summary>ghostly-v1 effort: RPE 4–6 → 100; 3, 7 → 80; 2, 8 → 60; 0, 1, 9, 10 → 20; any other value → 50; none → null.</summary>
    internal static double? V1EffortScore(int? rpe) => rpe switch
    {
        null => null,
        >= 4 and <= 6 => 100,
        3 or 7 => 80,
        2 or 8 => 60,
        0 or 1 or 9 or 10 => 20,
        _ => 50,
    };

    private static int Expected(int? expected, ScoringConfiguration configuration, string side)
    {
        var value = expected ?? configuration.DefaultExpectedContractions;
        return value >= 1
            ? value
            : throw new ScoringInputException($"The expected contractions of the {side} side must be at least 1 (got {value.ToString(CultureInfo.InvariantCulture)}).");
    }

    private static SideScore Side(SideCounts? counts, int expected, ScoringWeights weights, bool capped, string side, List<string> notes)
    {
        if (counts is null)
        {
            notes.Add($"No EMG contraction data for the {side} side: compliance, symmetry and overall are null.");
            return new(null, null, null, null);
        }

        if (counts.Problem(side) is { } problem)
        {
            throw new ScoringInputException(char.ToUpperInvariant(problem[0]) + problem[1..]);
        }

        double completion = (double)counts.Total / expected;
        double intensity = counts.Total == 0 ? 0 : (double)counts.Mvc / counts.Total;
        double duration = counts.Total == 0 ? 0 : (double)counts.Duration / counts.Total;
        if (capped)
        {
            completion = Math.Min(1.0, completion);
            intensity = Math.Min(1.0, intensity);
            duration = Math.Min(1.0, duration);
        }

        var score = ((weights.Completion * completion) + (weights.Intensity * intensity) + (weights.Duration * duration)) * 100;
        return new(score, completion, intensity, duration);
    }

    private static (double? Effort, int? Rpe, string? Source) V1Effort(int? rpe, List<string> notes)
    {
        if (rpe is null)
        {
            notes.Add("No RPE entered: effort is null.");
        }

        return (V1EffortScore(rpe), rpe, rpe is null ? null : "entered");
    }

    private static (double? Effort, int? Rpe, string? Source) TrialEffort(int? rpe, RpeTable table, List<string> notes)
    {
        if (rpe is null)
        {
            notes.Add($"No RPE entered: effort uses RPE {TrialDefaultRpe.ToString(CultureInfo.InvariantCulture)} (rpe_source \"default\").");
        }

        var used = rpe ?? TrialDefaultRpe;
        var effort = table.ScoreOf(used)
            ?? throw new ScoringInputException($"RPE {used.ToString(CultureInfo.InvariantCulture)} has no effort score in the configuration's RPE table; RPE is rated from {RpeTable.MinRpe} to {RpeTable.MaxRpe}.");
        return (effort, used, rpe is null ? "default" : "entered");
    }

    private static double? Game(int? achieved, int? max, List<string> notes)
    {
        if (achieved is not { } a || max is not { } m)
        {
            notes.Add("No game points (achieved and maximum): the game score is null.");
            return null;
        }

        return m == 0 ? 0 : (double)a / m * 100;
    }

    private static (double? Overall, ScoringWeights Weights, double? Game) V1Overall(
        double? compliance, double? symmetry, double? effort, double? game, ScoringWeights weights, List<string> notes)
    {
        if (compliance is { } c && symmetry is { } s && effort is { } e && game is { } g)
        {
            return ((weights.Compliance * c) + (weights.Symmetry * s) + (weights.Effort * e) + (weights.Game * g), weights, game);
        }

        notes.Add("ghostly-v1 needs compliance, symmetry, effort and game: the overall score is null.");
        return (null, weights, game);
    }

    private static (double? Overall, ScoringWeights Weights, double? Game) TrialOverall(
        double? compliance, double? symmetry, double? effort, double? game, ScoringWeights weights, List<string> notes)
    {
        if (compliance is not { } c || symmetry is not { } s)
        {
            notes.Add("ghostly-trial needs compliance and symmetry: the overall score is null.");
            return (null, weights, game);
        }

        if (effort is { } e && game is { } g)
        {
            return ((weights.Compliance * c) + (weights.Symmetry * s) + (weights.Effort * e) + (weights.Game * g), weights, game);
        }

        // Drop the unknown components and renormalise the remaining weights to sum 1.
        var wEffort = effort is null ? 0 : weights.Effort;
        var wGame = game is null ? 0 : weights.Game;
        var remaining = weights.Compliance + weights.Symmetry + wEffort + wGame;
        if (remaining <= 0)
        {
            notes.Add("The known components all have weight 0: the overall score is null.");
            return (null, weights, game);
        }

        var used = weights with
        {
            Compliance = weights.Compliance / remaining,
            Symmetry = weights.Symmetry / remaining,
            Effort = wEffort / remaining,
            Game = wGame / remaining,
        };
        notes.Add($"Unknown components dropped ({(effort is null ? "effort" : "")}{(effort is null && game is null ? ", " : "")}{(game is null ? "game" : "")}); the remaining weights are renormalised to sum 1.");
        var overall = (used.Compliance * c) + (used.Symmetry * s) + (used.Effort * (effort ?? 0)) + (used.Game * (game ?? 0));
        return (overall, used, game);
    }

    /// <summary>The session's pressure for the predecessor's single column: the session value, else a side outside the window, else either side.</summary>
    private static double? SessionPressure(ScoringInputs inputs)
    {
        if (inputs.BfrPressureAop is { } session)
        {
            return session;
        }

        if (inputs.BfrPressureAopLeft is { } l && !BfrWindow.Contains(l))
        {
            return l;
        }

        if (inputs.BfrPressureAopRight is { } r && !BfrWindow.Contains(r))
        {
            return r;
        }

        return inputs.BfrPressureAopLeft ?? inputs.BfrPressureAopRight;
    }

    private sealed record SideScore(double? Score, double? Completion, double? Intensity, double? Duration);
}
