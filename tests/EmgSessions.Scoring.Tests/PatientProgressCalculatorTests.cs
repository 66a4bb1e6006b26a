namespace EmgSessions.Scoring.Tests;

/// <summary>A patient's progress: that patient's sessions only, adherence, the trend of each series, alerts.</summary>
public sealed class PatientProgressCalculatorTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Progress_holds_only_that_patients_sessions_in_date_order_with_adherence_trends_and_alerts()
    {
        double[] overall = [60, 62, 61, 70, 72, 74];
        var own = overall.Select((o, i) => History.Session(6 - i, overall: o) with { Metrics = new Dictionary<string, double?> { ["mpf_left"] = 100 - i } }).ToList();
        var others = overall.Select((o, i) => History.Session(i + 1, History.OtherPatient, overall: 10)).ToList();

        var progress = PatientProgressCalculator.Build(History.Patient, History.Start, [.. others, .. own], History.Day(6), Noon);

        Assert.Equal(History.Patient, progress.PatientCode);
        Assert.Equal(own.OrderBy(s => s.Date).Select(s => s.SessionId), progress.Sessions.Select(s => s.SessionId));
        Assert.NotNull(progress.Adherence);
        Assert.Equal(6, progress.Adherence.CompletedSessions);
        Close.Equal(6 / (15.0 / 7 * 6) * 100, progress.Adherence.Score);

        // In date order the overall scores are 74, 72, 70, 61, 62, 60: declining; mpf_left rises 95 → 100.
        Assert.Equal(TrendDirection.Declining, progress.Trends["overall_score"].Direction);
        Assert.Equal(TrendDirection.Steady, progress.Trends["mpf_left"].Direction);
        Assert.Equal(TrendDirection.Steady, progress.Trends["symmetry_score"].Direction);
        Assert.Contains(progress.Alerts, a => a.Kind == AlertKind.DecliningOverallTrend);
        Assert.Contains(progress.Alerts, a => a.Kind == AlertKind.LowAdherence);
    }

    [Fact]
    public void Without_a_treatment_start_there_is_no_adherence_and_unscored_sessions_leave_the_trends_insufficient()
    {
        var progress = PatientProgressCalculator.Build(History.Patient, null, History.Completed(8, 4), History.Day(4), Noon);

        Assert.Null(progress.Adherence);
        Assert.Equal(TrendDirection.InsufficientData, progress.Trends["overall_score"].Direction);
        Assert.Equal(0, progress.Trends["overall_score"].Count);
        Assert.Empty(progress.Alerts);
    }
}
