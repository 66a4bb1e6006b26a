namespace EmgSessions.Scoring;

/// <summary>
/// Adherence (scoring.md §5): on treatment day t, expected game sessions = (15/7)·t (5 therapy sessions a week × 3
/// game sessions), score = min(100, completed / expected · 100), counting only that patient's completed sessions
/// from the treatment start to day t. Null while t &lt; 3.
/// </summary>
public static class AdherenceCalculator
{
    public const int DefaultTrialLengthDays = 14;

    /// <summary>The first treatment day with an adherence score.</summary>
    public const int FirstScoredDay = 3;

    /// <summary>Expected game sessions per treatment day: 5 therapy sessions a week × 3 game sessions / 7 days.</summary>
    public const double GameSessionsPerDay = 15.0 / 7.0;

    public static AdherenceResult Compute(
        string patientCode,
        DateOnly treatmentStart,
        DateOnly today,
        IEnumerable<PatientSession> sessions,
        int trialLengthDays = DefaultTrialLengthDays)
    {
        ArgumentNullException.ThrowIfNull(patientCode);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentOutOfRangeException.ThrowIfLessThan(trialLengthDays, 1);
        var day = Math.Min(trialLengthDays, today.DayNumber - treatmentStart.DayNumber + 1);
        var windowEnd = treatmentStart.AddDays(Math.Max(day, 1) - 1);
        var counted = day < 1
            ? []
            : sessions
                .Where(s => string.Equals(s.PatientCode, patientCode, StringComparison.Ordinal)
                    && s.Status == SessionStatus.Completed
                    && s.Date >= treatmentStart
                    && s.Date <= windowEnd)
                .Select(s => s.SessionId)
                .ToArray();
        var expected = day < 1 ? 0 : GameSessionsPerDay * day;
        double? score = day < FirstScoredDay ? null : Math.Min(100, counted.Length / expected * 100);
        return new AdherenceResult(patientCode, day, treatmentStart, windowEnd, counted.Length, expected, score, score is { } s ? CategoryOf(s) : null, counted);
    }

    public static AdherenceCategory CategoryOf(double score) => score switch
    {
        >= 85 => AdherenceCategory.Excellent,
        >= 70 => AdherenceCategory.Good,
        >= 50 => AdherenceCategory.Moderate,
        _ => AdherenceCategory.Poor,
    };
}
