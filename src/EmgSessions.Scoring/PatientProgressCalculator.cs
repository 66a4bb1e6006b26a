namespace EmgSessions.Scoring;

/// <summary>Builds a patient's progress from a session history that may hold other patients' sessions (they never count).</summary>
public static class PatientProgressCalculator
{
    /// <summary>The score series a progress view trends, by name.</summary>
    public static IReadOnlyList<(string Name, Func<ScoringResult, double?> Value)> ScoreSeries { get; } =
    [
        ("overall_score", r => r.OverallScore),
        ("compliance_score", r => r.ComplianceScore),
        ("symmetry_score", r => r.SymmetryScore),
        ("left_muscle_compliance", r => r.LeftMuscleCompliance),
        ("right_muscle_compliance", r => r.RightMuscleCompliance),
    ];

    public static PatientProgress Build(
        string patientCode,
        DateOnly? treatmentStart,
        IEnumerable<PatientSession> sessions,
        DateOnly today,
        DateTimeOffset now,
        AlertRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(patientCode);
        ArgumentNullException.ThrowIfNull(sessions);
        rules ??= AlertRules.Default;
        var own = OwnSessions(patientCode, sessions);
        var adherence = treatmentStart is { } start ? AdherenceCalculator.Compute(patientCode, start, today, own, rules.TrialLengthDays) : null;
        var trends = new Dictionary<string, TrendResult>(StringComparer.Ordinal);
        var completed = own.Where(s => s.Status == SessionStatus.Completed).ToArray();
        foreach (var (name, value) in ScoreSeries)
        {
            trends[name] = TrendCalculator.Of(completed.Select(s => s.Scores is { } r ? value(r) : null).OfType<double>().ToArray());
        }

        foreach (var metric in completed.SelectMany(s => s.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            trends.TryAdd(metric, TrendCalculator.Of(completed.Select(s => s.Metrics.GetValueOrDefault(metric)).OfType<double>().ToArray()));
        }

        return new PatientProgress(patientCode, own, adherence, trends, TherapistAlerts.Detect(patientCode, treatmentStart, own, today, now, rules));
    }

    /// <summary>The sessions of <paramref name="patientCode"/> only, by date (sessions of one day keep their given order).</summary>
    internal static IReadOnlyList<PatientSession> OwnSessions(string patientCode, IEnumerable<PatientSession> sessions) =>
        sessions.Where(s => string.Equals(s.PatientCode, patientCode, StringComparison.Ordinal)).OrderBy(s => s.Date).ToArray();
}
