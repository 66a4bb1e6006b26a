namespace EmgSessions.Scoring;

/// <summary>
/// The seven weights of a score (scoring.md §2, §3): the four components of the overall score and the three
/// sub-weights of a side's compliance. Both groups must each sum to 1 ± <see cref="SumTolerance"/>.
/// </summary>
public sealed record ScoringWeights(
    double Compliance,
    double Symmetry,
    double Effort,
    double Game,
    double Completion,
    double Intensity,
    double Duration)
{
    /// <summary>How far each group of weights may be from 1.</summary>
    public const double SumTolerance = 0.001;

    /// <summary>The predecessor backend's fixed weights (profile <c>ghostly-v1</c>).</summary>
    public static ScoringWeights GhostlyV1 { get; } = new(0.40, 0.25, 0.20, 0.15, 0.333, 0.333, 0.334);

    /// <summary>The default trial weights (configuration <c>GHOSTLY-TRIAL-DEFAULT</c>).</summary>
    public static ScoringWeights TrialDefault { get; } = new(0.50, 0.25, 0.25, 0.00, 0.333, 0.333, 0.334);

    /// <summary>Each problem with these weights as (field, message); empty when they are valid.</summary>
    public IReadOnlyList<ScoringValidationError> Validate()
    {
        var errors = new List<ScoringValidationError>();
        foreach (var (field, value) in new[]
        {
            ("weight_compliance", Compliance), ("weight_symmetry", Symmetry), ("weight_effort", Effort), ("weight_game", Game),
            ("weight_completion", Completion), ("weight_intensity", Intensity), ("weight_duration", Duration),
        })
        {
            if (!double.IsFinite(value) || value < 0 || value > 1)
            {
                errors.Add(new(field, $"{field} must be a number from 0 to 1 (got {Format(value)})."));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var main = Compliance + Symmetry + Effort + Game;
        if (Math.Abs(main - 1) > SumTolerance)
        {
            errors.Add(new("weights", $"weight_compliance + weight_symmetry + weight_effort + weight_game must sum to 1 ± {Format(SumTolerance)} (got {Format(main)}); adjust them."));
        }

        var sub = Completion + Intensity + Duration;
        if (Math.Abs(sub - 1) > SumTolerance)
        {
            errors.Add(new("sub_weights", $"weight_completion + weight_intensity + weight_duration must sum to 1 ± {Format(SumTolerance)} (got {Format(sub)}); adjust them."));
        }

        return errors;
    }

    private static string Format(double value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
