namespace EmgSessions.Scoring.Tests;

/// <summary>Input ranges with named errors (scoring.md §1), as the inputs API and the calculator check them.</summary>
public sealed class ScoringInputsTests
{
    [Fact]
    public void T16_inputs_are_valid()
    {
        Assert.Empty(Examples.T16.Validate());
    }

    [Fact]
    public void Boundary_values_are_accepted()
    {
        var inputs = new ScoringInputs { Rpe = 10, GamePointsAchieved = 0, GamePointsMax = 0, BfrPressureAop = 100, BfrPressureAopLeft = 0, ExpectedLeft = 1 };

        Assert.Empty(inputs.Validate());
    }

    [Fact]
    public void Each_out_of_range_input_is_named_with_what_is_allowed()
    {
        var inputs = new ScoringInputs
        {
            Rpe = 11,
            GamePointsAchieved = -1,
            GamePointsMax = -5,
            BfrPressureAop = 100.5,
            BfrPressureAopRight = double.NaN,
            Left = new SideCounts(-2, 0, 0),
            ExpectedRight = 0,
        };

        var errors = inputs.Validate();

        Assert.Equal(
            ["rpe", "game_points_achieved", "game_points_max", "bfr_pressure_aop", "bfr_pressure_aop_right", "left_counts", "expected_contractions_right"],
            errors.Select(e => e.Field));
        Assert.Equal("rpe must be an integer from 0 to 10 (Borg CR10); got 11.", errors[0].Message);
        Assert.Equal("bfr_pressure_aop must be a percentage of arterial occlusion pressure from 0 to 100; got 100.5.", errors[3].Message);
    }

    [Fact]
    public void Achieved_points_above_the_maximum_are_refused()
    {
        var error = Assert.Single(new ScoringInputs { GamePointsAchieved = 1200, GamePointsMax = 1000 }.Validate());

        Assert.Equal("game_points_achieved", error.Field);
        Assert.Equal("game_points_achieved (1200) must not exceed game_points_max (1000).", error.Message);
    }

    [Fact]
    public void Analytics_counts_fall_back_to_the_good_count_when_null()
    {
        Assert.Equal(new SideCounts(10, 4, 4), SideCounts.FromAnalytics(10, null, null, 4));
        Assert.Equal(new SideCounts(10, 7, 4), SideCounts.FromAnalytics(10, 7, null, 4));
        Assert.Equal(new SideCounts(10, 0, 0), SideCounts.FromAnalytics(10, null, null, null));
        Assert.Null(SideCounts.FromAnalytics(null, 3, 3, 3));
    }
}
