namespace EmgSessions.Scoring.Tests;

/// <summary>Adherence on constructed histories (scoring.md §5), at the boundaries t = 2, 3, 14, 15.</summary>
public sealed class AdherenceCalculatorTests
{
    [Fact]
    public void On_day_2_there_is_no_adherence_score_yet()
    {
        var result = AdherenceCalculator.Compute(History.Patient, History.Start, History.Day(2), History.Completed(4, 2));

        Assert.Equal(2, result.TreatmentDay);
        Assert.Null(result.Score);
        Assert.Null(result.Category);
        Assert.Equal(4, result.CompletedSessions);
    }

    [Fact]
    public void On_day_3_the_expected_sessions_are_45_sevenths()
    {
        var result = AdherenceCalculator.Compute(History.Patient, History.Start, History.Day(3), History.Completed(5, 3));

        Assert.Equal(3, result.TreatmentDay);
        Close.Equal(45.0 / 7, result.ExpectedSessions);
        Close.Equal(77.77777777777779, result.Score);
        Assert.Equal(AdherenceCategory.Good, result.Category);
        Assert.Equal(History.Day(3), result.WindowEnd);
    }

    [Fact]
    public void On_day_14_thirty_sessions_are_expected_and_21_are_exactly_Good()
    {
        var result = AdherenceCalculator.Compute(History.Patient, History.Start, History.Day(14), History.Completed(21, 14));

        Assert.Equal(14, result.TreatmentDay);
        Close.Equal(30, result.ExpectedSessions);
        Close.Equal(70, result.Score);
        Assert.Equal(AdherenceCategory.Good, result.Category);
    }

    [Fact]
    public void On_day_15_the_window_stays_at_the_14_day_trial_and_later_sessions_do_not_count()
    {
        var sessions = History.Completed(21, 14);
        sessions.Add(History.Session(15));

        var result = AdherenceCalculator.Compute(History.Patient, History.Start, History.Day(15), sessions);

        Assert.Equal(14, result.TreatmentDay);
        Assert.Equal(History.Day(14), result.WindowEnd);
        Assert.Equal(21, result.CompletedSessions);
        Close.Equal(70, result.Score);
    }

    [Fact]
    public void The_score_is_capped_at_100()
    {
        var result = AdherenceCalculator.Compute(History.Patient, History.Start, History.Day(14), History.Completed(40, 14));

        Close.Equal(100, result.Score);
        Assert.Equal(AdherenceCategory.Excellent, result.Category);
    }

    [Fact]
    public void Another_patients_sessions_never_count_nor_do_failed_ones_or_those_before_the_start()
    {
        var sessions = History.Completed(5, 3);
        sessions.AddRange(History.Completed(30, 3, History.OtherPatient));
        sessions.Add(History.Session(2, status: SessionStatus.Failed));
        sessions.Add(History.Session(0));

        var result = AdherenceCalculator.Compute(History.Patient, History.Start, History.Day(3), sessions);

        Assert.Equal(5, result.CompletedSessions);
        Assert.Equal(5, result.SessionIds.Count);
        Close.Equal(77.77777777777779, result.Score);
    }

    [Fact]
    public void Before_the_treatment_starts_nothing_is_expected()
    {
        var result = AdherenceCalculator.Compute(History.Patient, History.Start, History.Start.AddDays(-3), History.Completed(3, 3));

        Assert.True(result.TreatmentDay < 1);
        Assert.Null(result.Score);
        Assert.Equal(0, result.CompletedSessions);
    }

    [Theory]
    [InlineData(100.0, AdherenceCategory.Excellent)]
    [InlineData(85.0, AdherenceCategory.Excellent)]
    [InlineData(84.99, AdherenceCategory.Good)]
    [InlineData(70.0, AdherenceCategory.Good)]
    [InlineData(69.99, AdherenceCategory.Moderate)]
    [InlineData(50.0, AdherenceCategory.Moderate)]
    [InlineData(49.99, AdherenceCategory.Poor)]
    [InlineData(0.0, AdherenceCategory.Poor)]
    public void Categories_start_at_85_70_and_50(double score, AdherenceCategory category)
    {
        Assert.Equal(category, AdherenceCalculator.CategoryOf(score));
    }
}
