namespace EmgSessions.Scoring.Tests;

/// <summary>Trends (scoring.md §5): last 3 against the 3 before, ±5 %, 5 and 6 sessions.</summary>
public sealed class TrendCalculatorTests
{
    [Fact]
    public void Five_sessions_are_insufficient_data()
    {
        var trend = TrendCalculator.Of([50, 50, 50, 90, 90]);

        Assert.Equal(TrendDirection.InsufficientData, trend.Direction);
        Assert.Equal(5, trend.Count);
        Assert.Null(trend.RelativeChange);
    }

    [Fact]
    public void Six_sessions_give_a_trend_from_the_two_means()
    {
        var trend = TrendCalculator.Of([60, 70, 80, 90, 90, 93]);

        Assert.Equal(TrendDirection.Improving, trend.Direction);
        Close.Equal(70, trend.PreviousMean);
        Close.Equal(91, trend.RecentMean);
        Close.Equal(0.3, trend.RelativeChange);
    }

    [Theory]
    [InlineData(105.0, TrendDirection.Steady)]
    [InlineData(95.0, TrendDirection.Steady)]
    [InlineData(105.001, TrendDirection.Improving)]
    [InlineData(94.999, TrendDirection.Declining)]
    [InlineData(100.0, TrendDirection.Steady)]
    public void Exactly_plus_or_minus_5_percent_is_steady(double recent, TrendDirection direction)
    {
        var trend = TrendCalculator.Of([100, 100, 100, recent, recent, recent]);

        Assert.Equal(direction, trend.Direction);
    }

    [Fact]
    public void A_change_of_exactly_5_percent_is_steady_even_when_the_means_round()
    {
        // 80 → 84 is 5 % exactly; the means of these values are not exact in binary.
        var trend = TrendCalculator.Of([79.9, 80.0, 80.1, 83.9, 84.0, 84.1]);

        Assert.Equal(TrendDirection.Steady, trend.Direction);
    }

    [Fact]
    public void Only_the_last_six_values_count()
    {
        var trend = TrendCalculator.Of([0, 0, 0, 100, 100, 100, 90, 90, 90]);

        Assert.Equal(TrendDirection.Declining, trend.Direction);
        Close.Equal(-0.1, trend.RelativeChange);
        Assert.Equal(9, trend.Count);
    }

    [Fact]
    public void From_a_previous_mean_of_0_any_rise_improves_and_none_is_steady()
    {
        Assert.Equal(TrendDirection.Improving, TrendCalculator.Of([0, 0, 0, 1, 0, 0]).Direction);
        Assert.Equal(TrendDirection.Steady, TrendCalculator.Of([0, 0, 0, 0, 0, 0]).Direction);
    }

    [Fact]
    public void A_negative_baseline_compares_against_its_magnitude()
    {
        // A fatigue-index slope that becomes less negative is a rise.
        var trend = TrendCalculator.Of([-10, -10, -10, -5, -5, -5]);

        Assert.Equal(TrendDirection.Improving, trend.Direction);
        Close.Equal(0.5, trend.RelativeChange);
    }
}
