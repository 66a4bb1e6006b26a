namespace EmgSessions.Scoring;

/// <summary>
/// A patient's progress (scoring.md §5): that patient's sessions in time order, adherence (null without a treatment
/// start), the trend of each series by name (<c>overall_score</c>, <c>compliance_score</c>, <c>symmetry_score</c>,
/// <c>left_muscle_compliance</c>, <c>right_muscle_compliance</c>, then every metric the sessions carry), and the alerts.
/// </summary>
public sealed record PatientProgress(
    string PatientCode,
    IReadOnlyList<PatientSession> Sessions,
    AdherenceResult? Adherence,
    IReadOnlyDictionary<string, TrendResult> Trends,
    IReadOnlyList<TherapistAlert> Alerts);
