namespace EmgSessions.Scoring.Tests;

/// <summary>Profile ghostly-trial (scoring.md §3): T16 with the default trial configuration, caps, RPE table, renormalisation.</summary>
public sealed class GhostlyTrialScoringTests
{
    [Fact]
    public void T16_with_the_default_trial_configuration_gives_87_02325_with_effort_75()
    {
        var result = Examples.Trial(Examples.T16);

        Close.Equal(88.13409090909093, result.LeftMuscleCompliance);
        Close.Equal(86.11666666666667, result.RightMuscleCompliance);
        Close.Equal(87.1253787878788, result.ComplianceScore);
        Close.Equal(98.84222928468638, result.SymmetryScore);
        Close.Equal(75, result.EffortScore);
        Close.Equal(85, result.GameScore);
        Close.Equal(87.023246715111, result.OverallScore);
        Assert.Equal(87.02325, Math.Round(result.OverallScore!.Value, 5));
        Assert.Equal("ghostly-trial", result.Profile);
        Assert.Equal(ScoringWeights.TrialDefault, result.WeightsUsed);
        Assert.Equal(ScoringConfiguration.TrialDefaultName, result.ScoringConfigName);
        Assert.Null(result.ScoringConfigId);
        Assert.Equal("entered", result.RpeSource);
    }

    [Fact]
    public void A_missing_RPE_uses_RPE_4_and_says_so()
    {
        var result = Examples.Trial(Examples.T16 with { Rpe = null });

        Close.Equal(100, result.EffortScore);
        Assert.Equal(4, result.RpePostSession);
        Assert.Equal("default", result.RpeSource);
        Assert.False(result.DataCompleteness.HasRpe);
        Close.Equal((0.5 * 87.1253787878788) + (0.25 * 98.84222928468638) + (0.25 * 100), result.OverallScore);
        Assert.Contains(result.Notes, n => n.Contains("effort uses RPE 4", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 10.0)]
    [InlineData(1, 25.0)]
    [InlineData(2, 50.0)]
    [InlineData(3, 85.0)]
    [InlineData(4, 100.0)]
    [InlineData(5, 100.0)]
    [InlineData(6, 75.0)]
    [InlineData(7, 50.0)]
    [InlineData(8, 25.0)]
    [InlineData(9, 15.0)]
    [InlineData(10, 10.0)]
    public void The_default_RPE_table_gives_the_documented_effort(int rpe, double effort)
    {
        var result = Examples.Trial(Examples.T16 with { Rpe = rpe });

        Close.Equal(effort, result.EffortScore);
        Assert.Equal(rpe, result.RpePostSession);
    }

    [Fact]
    public void The_RPE_table_comes_from_the_configuration()
    {
        var table = new RpeTable(Enumerable.Range(0, 11).Select(r => KeyValuePair.Create(r, r == 6 ? 40.0 : 90.0)));
        var configuration = Examples.Configuration(ScoringWeights.TrialDefault, table);

        var result = Examples.Trial(Examples.T16, configuration);

        Close.Equal(40, result.EffortScore);
        Close.Equal((0.5 * 87.1253787878788) + (0.25 * 98.84222928468638) + (0.25 * 40), result.OverallScore);
        Assert.Equal(configuration.Id, result.ScoringConfigId);
    }

    [Fact]
    public void An_RPE_the_table_does_not_rate_is_refused()
    {
        var error = Assert.Throws<ScoringInputException>(() => Examples.Trial(Examples.T16 with { Rpe = 11 }));

        Assert.Equal("RPE 11 has no effort score in the configuration's RPE table; RPE is rated from 0 to 10.", error.Message);
    }

    [Fact]
    public void Completion_is_capped_at_1_and_so_are_the_stored_rates()
    {
        var result = Examples.Trial(Examples.T16 with { Left = new SideCounts(14, 12, 12) });

        Close.Equal(1.0, result.CompletionRateLeft);
        Close.Equal(90.47142857142858, result.LeftMuscleCompliance);
    }

    [Fact]
    public void Stale_MVC_and_duration_counts_above_the_total_are_capped_at_1()
    {
        var result = Examples.Trial(Examples.T16 with { Left = new SideCounts(5, 9, 9) });

        Close.Equal(5.0 / 12, result.CompletionRateLeft);
        Close.Equal(1.0, result.IntensityRateLeft);
        Close.Equal(1.0, result.DurationRateLeft);
        Close.Equal(80.575, result.LeftMuscleCompliance);
    }

    [Fact]
    public void Missing_game_points_drop_the_game_and_renormalise_the_remaining_weights()
    {
        var configuration = Examples.Configuration(new ScoringWeights(0.40, 0.25, 0.20, 0.15, 0.333, 0.333, 0.334));

        var result = Examples.Trial(Examples.T16 with { GamePointsAchieved = null, GamePointsMax = null }, configuration);

        Assert.Null(result.GameScore);
        Close.Equal(87.71848098390956, result.OverallScore);
        Close.Equal(0.40 / 0.85, result.WeightsUsed.Compliance);
        Close.Equal(0.25 / 0.85, result.WeightsUsed.Symmetry);
        Close.Equal(0.20 / 0.85, result.WeightsUsed.Effort);
        Close.Equal(0, result.WeightsUsed.Game);
        Close.Equal(1, result.WeightsUsed.Compliance + result.WeightsUsed.Symmetry + result.WeightsUsed.Effort + result.WeightsUsed.Game);
        Assert.Contains(result.Notes, n => n.Contains("Unknown components dropped (game)", StringComparison.Ordinal));
    }

    [Fact]
    public void With_the_default_weights_a_missing_game_changes_nothing_because_its_weight_is_0()
    {
        var result = Examples.Trial(Examples.T16 with { GamePointsAchieved = null });

        Close.Equal(87.023246715111, result.OverallScore);
        Assert.Null(result.GameScore);
        Close.Equal(0.5, result.WeightsUsed.Compliance);
    }

    [Fact]
    public void When_the_only_known_components_weigh_0_the_overall_is_null()
    {
        var configuration = Examples.Configuration(new ScoringWeights(0, 0, 0, 1, 0.333, 0.333, 0.334));

        var result = Examples.Trial(Examples.T16 with { GamePointsMax = null }, configuration);

        Assert.Null(result.OverallScore);
        Assert.Contains(result.Notes, n => n.Contains("weight 0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_stored_effort_and_game_are_the_values_used()
    {
        var configuration = Examples.Configuration(new ScoringWeights(0.40, 0.20, 0.20, 0.20, 0.333, 0.333, 0.334));

        var result = Examples.Trial(Examples.T16 with { Rpe = null }, configuration);

        Close.Equal(100, result.EffortScore);
        Close.Equal(85, result.GameScore);
        Close.Equal((0.40 * 87.1253787878788) + (0.20 * 98.84222928468638) + (0.20 * 100) + (0.20 * 85), result.OverallScore);
    }

    [Fact]
    public void Sub_weights_come_from_the_configuration()
    {
        var configuration = Examples.Configuration(ScoringWeights.TrialDefault with { Completion = 0.5, Intensity = 0.25, Duration = 0.25 });

        var result = Examples.Trial(Examples.T16, configuration);

        Close.Equal(((0.5 * (11.0 / 12)) + (0.25 * (9.0 / 11)) + (0.25 * (10.0 / 11))) * 100, result.LeftMuscleCompliance);
    }

    [Fact]
    public void Overall_needs_compliance_and_symmetry()
    {
        var result = Examples.Trial(Examples.T16 with { Left = null });

        Assert.Null(result.ComplianceScore);
        Assert.Null(result.SymmetryScore);
        Assert.Null(result.OverallScore);
        Close.Equal(75, result.EffortScore);
        Assert.Contains(result.Notes, n => n.Contains("needs compliance and symmetry", StringComparison.Ordinal));
    }

    [Fact]
    public void BFR_44_9_makes_compliance_0_in_the_trial_profile_too()
    {
        var result = Examples.Trial(Examples.T16 with { BfrPressureAop = 44.9 });

        Close.Equal(0, result.ComplianceScore);
        Assert.False(result.BfrCompliant);
        Close.Equal((0.25 * 98.84222928468638) + (0.25 * 75), result.OverallScore);
    }

    [Fact]
    public void Expected_contractions_per_side_replace_the_configuration_default()
    {
        var configuration = Examples.Configuration(ScoringWeights.TrialDefault) with { DefaultExpectedContractions = 20 };

        var result = Examples.Trial(Examples.T16 with { ExpectedLeft = 11 }, configuration);

        Assert.Equal(11, result.ExpectedContractionsLeft);
        Assert.Equal(20, result.ExpectedContractionsRight);
        Close.Equal(1.0, result.CompletionRateLeft);
        Close.Equal(12.0 / 20, result.CompletionRateRight);
    }

    [Fact]
    public void An_invalid_configuration_is_refused_before_scoring()
    {
        var configuration = Examples.Configuration(new ScoringWeights(0.5, 0.5, 0.5, 0, 0.333, 0.333, 0.334));

        var error = Assert.Throws<ScoringConfigurationException>(() => Examples.Trial(Examples.T16, configuration));

        Assert.Single(error.Errors);
        Assert.Equal("weights", error.Errors[0].Field);
    }
}
