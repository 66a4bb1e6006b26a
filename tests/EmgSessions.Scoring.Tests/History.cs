namespace EmgSessions.Scoring.Tests;

/// <summary>Constructed session histories for adherence, trends, alerts and progress.</summary>
internal static class History
{
    public const string Patient = "P001";
    public const string OtherPatient = "P002";

    /// <summary>The treatment start: day 1.</summary>
    public static readonly DateOnly Start = new(2026, 3, 2);

    /// <summary>The calendar date of treatment day <paramref name="t"/> (day 1 = <see cref="Start"/>).</summary>
    public static DateOnly Day(int t) => Start.AddDays(t - 1);

    public static PatientSession Session(
        int day,
        string patient = Patient,
        SessionStatus status = SessionStatus.Completed,
        double? overall = null,
        ScoringInputs? inputs = null) => new()
        {
            SessionId = Guid.NewGuid(),
            PatientCode = patient,
            Date = Day(day),
            Status = status,
            Inputs = inputs,
            Scores = overall is { } o ? Examples.Trial(Examples.T16) with { OverallScore = o } : null,
        };

    /// <summary><paramref name="count"/> completed sessions spread over days 1…<paramref name="lastDay"/> (several a day).</summary>
    public static List<PatientSession> Completed(int count, int lastDay, string patient = Patient) =>
        Enumerable.Range(0, count).Select(i => Session((i % lastDay) + 1, patient)).ToList();
}
