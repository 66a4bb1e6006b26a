namespace EmgSessions.Scoring.Tests;

/// <summary>Profile ghostly-v1 (scoring.md §2): T16 and every edge case listed there.</summary>
public sealed class GhostlyV1ScoringTests
{
    [Fact]
    public void T16_gives_the_documented_scores_and_an_overall_of_92_31071()
    {
        var result = Examples.V1(Examples.T16);

        // Full-precision values of the §2 formulas (the document prints them to 5 decimals).
        Close.Equal(88.13409090909093, result.LeftMuscleCompliance);
        Close.Equal(86.11666666666667, result.RightMuscleCompliance);
        Close.Equal(87.1253787878788, result.ComplianceScore);
        Close.Equal(98.84222928468638, result.SymmetryScore);
        Close.Equal(100, result.EffortScore);
        Close.Equal(85, result.GameScore);
        Close.Equal(92.31070883632312, result.OverallScore);
        Assert.Equal(92.31071, Math.Round(result.OverallScore!.Value, 5));
        Assert.Equal(88.13409, Math.Round(result.LeftMuscleCompliance!.Value, 5));
        Assert.Equal(86.11667, Math.Round(result.RightMuscleCompliance!.Value, 5));
        Assert.Equal(87.12538, Math.Round(result.ComplianceScore!.Value, 5));
        Assert.Equal(98.84223, Math.Round(result.SymmetryScore!.Value, 5));
        Assert.True(result.BfrCompliant);
        Assert.Equal("ghostly-v1", result.Profile);
        Assert.Equal(ScoringWeights.GhostlyV1, result.WeightsUsed);
        Assert.Equal(new DataCompleteness(true, true, true, true), result.DataCompleteness);
        Assert.Equal("entered", result.RpeSource);
        Assert.Equal(6, result.RpePostSession);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void T16_rates_are_the_plain_fractions()
    {
        var result = Examples.V1(Examples.T16);

        Close.Equal(11.0 / 12, result.CompletionRateLeft);
        Close.Equal(9.0 / 11, result.IntensityRateLeft);
        Close.Equal(10.0 / 11, result.DurationRateLeft);
        Close.Equal(1.0, result.CompletionRateRight);
        Close.Equal(8.0 / 12, result.IntensityRateRight);
        Close.Equal(11.0 / 12, result.DurationRateRight);
        Assert.Equal(12, result.ExpectedContractionsLeft);
        Assert.Equal(12, result.ExpectedContractionsRight);
    }

    [Fact]
    public void BFR_44_9_makes_compliance_0_and_the_session_not_compliant_while_symmetry_stays_ungated()
    {
        var result = Examples.V1(Examples.T16 with { BfrPressureAop = 44.9 });

        Close.Equal(0, result.ComplianceScore);
        Assert.False(result.BfrCompliant);
        Close.Equal(98.84222928468638, result.SymmetryScore);
        Close.Equal(88.13409090909093, result.LeftMuscleCompliance);
        Close.Equal((0.25 * 98.84222928468638) + (0.20 * 100) + (0.15 * 85), result.OverallScore);
        Assert.Contains(result.Notes, n => n.Contains("BFR pressure outside 45–55 % AOP", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(45.0, true)]
    [InlineData(55.0, true)]
    [InlineData(55.1, false)]
    [InlineData(0.0, false)]
    public void The_BFR_window_is_45_to_55_inclusive(double pressure, bool compliant)
    {
        var result = Examples.V1(Examples.T16 with { BfrPressureAop = pressure });

        Assert.Equal(compliant, result.BfrCompliant);
        Close.Equal(compliant ? 87.1253787878788 : 0, result.ComplianceScore);
    }

    [Fact]
    public void A_missing_BFR_pressure_gates_nothing_and_says_there_is_no_BFR_data()
    {
        var result = Examples.V1(Examples.T16 with { BfrPressureAop = null });

        Assert.True(result.BfrCompliant);
        Close.Equal(87.1253787878788, result.ComplianceScore);
        Assert.False(result.DataCompleteness.HasBfrData);
        Assert.Null(result.BfrPressureAop);
    }

    [Fact]
    public void A_side_pressure_outside_the_window_fails_the_gate_even_when_the_other_side_is_fine()
    {
        var result = Examples.V1(Examples.T16 with { BfrPressureAop = null, BfrPressureAopLeft = 50, BfrPressureAopRight = 60 });

        Assert.False(result.BfrCompliant);
        Close.Equal(0, result.ComplianceScore);
        Assert.Equal(60, result.BfrPressureAop);
        Assert.True(result.DataCompleteness.HasBfrData);
    }

    [Fact]
    public void A_missing_RPE_makes_effort_and_overall_null()
    {
        var result = Examples.V1(Examples.T16 with { Rpe = null });

        Assert.Null(result.EffortScore);
        Assert.Null(result.OverallScore);
        Assert.Null(result.RpeSource);
        Assert.False(result.DataCompleteness.HasRpe);
        Close.Equal(87.1253787878788, result.ComplianceScore);
        Assert.Contains(result.Notes, n => n.Contains("No RPE entered", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("overall score is null", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, 1000)]
    [InlineData(850, null)]
    public void Missing_game_points_make_game_and_overall_null(int? achieved, int? max)
    {
        var result = Examples.V1(Examples.T16 with { GamePointsAchieved = achieved, GamePointsMax = max });

        Assert.Null(result.GameScore);
        Assert.Null(result.OverallScore);
        Assert.False(result.DataCompleteness.HasGameData);
    }

    [Fact]
    public void A_game_maximum_of_0_gives_a_game_score_of_0()
    {
        var result = Examples.V1(Examples.T16 with { GamePointsAchieved = 0, GamePointsMax = 0 });

        Close.Equal(0, result.GameScore);
        Close.Equal((0.40 * 87.1253787878788) + (0.25 * 98.84222928468638) + (0.20 * 100), result.OverallScore);
    }

    [Theory]
    [InlineData(0, 20.0)]
    [InlineData(1, 20.0)]
    [InlineData(2, 60.0)]
    [InlineData(3, 80.0)]
    [InlineData(4, 100.0)]
    [InlineData(5, 100.0)]
    [InlineData(6, 100.0)]
    [InlineData(7, 80.0)]
    [InlineData(8, 60.0)]
    [InlineData(9, 20.0)]
    [InlineData(10, 20.0)]
    [InlineData(11, 50.0)]
    [InlineData(-1, 50.0)]
    public void RPE_maps_to_the_predecessor_effort_table_and_anything_else_to_50(int rpe, double effort)
    {
        var result = Examples.V1(Examples.T16 with { Rpe = rpe });

        Close.Equal(effort, result.EffortScore);
        Close.Equal((0.40 * 87.1253787878788) + (0.25 * 98.84222928468638) + (0.20 * effort) + (0.15 * 85), result.OverallScore);
    }

    [Fact]
    public void A_total_of_0_gives_rates_of_0_and_symmetry_0_when_both_sides_are_0()
    {
        var result = Examples.V1(Examples.T16 with { Left = new SideCounts(0, 0, 0), Right = new SideCounts(0, 0, 0) });

        Close.Equal(0, result.CompletionRateLeft);
        Close.Equal(0, result.IntensityRateLeft);
        Close.Equal(0, result.DurationRateLeft);
        Close.Equal(0, result.LeftMuscleCompliance);
        Close.Equal(0, result.ComplianceScore);
        Close.Equal(0, result.SymmetryScore);
        Close.Equal((0.20 * 100) + (0.15 * 85), result.OverallScore);
    }

    [Fact]
    public void Completion_is_not_capped_14_of_12_is_1_1667()
    {
        var result = Examples.V1(Examples.T16 with { Left = new SideCounts(14, 12, 12) });

        Close.Equal(14.0 / 12, result.CompletionRateLeft);
        Assert.Equal(1.1667, Math.Round(result.CompletionRateLeft!.Value, 4));
        Close.Equal(96.02142857142857, result.LeftMuscleCompliance);
    }

    [Fact]
    public void Stale_counts_above_the_total_are_not_capped_either()
    {
        var result = Examples.V1(Examples.T16 with { Left = new SideCounts(5, 9, 9) });

        Close.Equal(9.0 / 5, result.IntensityRateLeft);
        Close.Equal(133.935, result.LeftMuscleCompliance);
    }

    [Fact]
    public void The_configuration_weights_do_not_change_ghostly_v1()
    {
        var heavy = Examples.Configuration(new ScoringWeights(0.10, 0.10, 0.10, 0.70, 0.5, 0.25, 0.25));

        var result = SessionScorer.Score(ScoringProfile.GhostlyV1, Examples.T16, heavy, Examples.Now);

        Close.Equal(92.31070883632312, result.OverallScore);
        Assert.Equal(heavy.Id, result.ScoringConfigId);
        Assert.Equal("custom", result.ScoringConfigName);
    }

    [Fact]
    public void A_side_without_analytics_gives_null_compliance_symmetry_and_overall_not_0()
    {
        var result = Examples.V1(Examples.T16 with { Right = null });

        Close.Equal(88.13409090909093, result.LeftMuscleCompliance);
        Assert.Null(result.RightMuscleCompliance);
        Assert.Null(result.CompletionRateRight);
        Assert.Null(result.ComplianceScore);
        Assert.Null(result.SymmetryScore);
        Assert.Null(result.OverallScore);
        Assert.False(result.DataCompleteness.HasEmgData);
        Assert.Contains(result.Notes, n => n.Contains("No EMG contraction data for the right side", StringComparison.Ordinal));
    }

    [Fact]
    public void Negative_counts_and_expected_counts_below_1_are_refused_with_what_is_wrong()
    {
        var negative = Assert.Throws<ScoringInputException>(() => Examples.V1(Examples.T16 with { Left = new SideCounts(-1, 0, 0) }));
        var zero = Assert.Throws<ScoringInputException>(() => Examples.V1(Examples.T16 with { ExpectedRight = 0 }));

        Assert.Equal("The left contraction counts must not be negative (got -1/0/0).", negative.Message);
        Assert.Equal("The expected contractions of the right side must be at least 1 (got 0).", zero.Message);
    }

    [Fact]
    public void The_result_is_deterministic_and_carries_the_session_and_clock_it_was_given()
    {
        var session = Guid.NewGuid();

        var first = SessionScorer.Score(ScoringProfile.GhostlyV1, Examples.T16, ScoringConfiguration.BuiltInTrialDefault, Examples.Now, session);
        var second = SessionScorer.Score(ScoringProfile.GhostlyV1, Examples.T16, ScoringConfiguration.BuiltInTrialDefault, Examples.Now, session);

        Assert.Equal(session, first.SessionId);
        Assert.Equal(Examples.Now, first.ComputedAt);
        Assert.Equal(first.OverallScore, second.OverallScore);
        Assert.Equal(first.SymmetryScore, second.SymmetryScore);
    }
}
