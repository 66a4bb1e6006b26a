using EmgSessions.Core.Scores;
using EmgSessions.Scoring;
using EmgSessions.Web.Queries;

namespace EmgSessions.Tests.Web;

/// <summary>A stored score read for the Session page: ours with its weights and reasons, a predecessor's row with what it lacks left null.</summary>
public sealed class ScoreViewTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Our_result_is_read_with_its_weights_configuration_version_and_the_reasons_of_each_missing_component()
    {
        var configurationId = Guid.NewGuid();
        var result = new ScoringResult
        {
            Profile = ScoringProfiles.GhostlyTrialName,
            ScoringConfigId = configurationId,
            ScoringConfigName = ScoringConfiguration.TrialDefaultName,
            OverallScore = 79.61,
            ComplianceScore = 62.4,
            SymmetryScore = 93.3,
            EffortScore = 100,
            GameScore = null,
            LeftMuscleCompliance = 66.6,
            CompletionRateRight = 0.75,
            ExpectedContractionsLeft = 12,
            RpePostSession = 4,
            RpeSource = "default",
            WeightsUsed = new ScoringWeights(0.5, 0.25, 0.25, 0, 0.333, 0.333, 0.334),
            DataCompleteness = new DataCompleteness(true, false, false, false),
            Notes = ["No RPE entered: effort uses RPE 4 (rpe_source \"default\").", "No game points (achieved and maximum): the game score is null."],
        };
        var stored = new StoredScore(Guid.NewGuid(), "emgs", result.Profile, configurationId, ScoreJson.Serialize(result), DateTimeOffset.UnixEpoch, Stale: true);
        var configuration = new StoredConfiguration(ScoringConfiguration.BuiltInTrialDefault with { Id = configurationId, Active = true }, 3, IsGlobal: true);

        var view = ScoreView.From(stored, configuration);

        Assert.Equal(79.61, view.Overall!.Value, Tolerance);
        Assert.Null(view.Game);
        Assert.Equal(66.6, view.Left.Compliance!.Value, Tolerance);
        Assert.Equal(0.75, view.Right.CompletionRate!.Value, Tolerance);
        Assert.Equal(12, view.Left.ExpectedContractions);
        Assert.Equal(0.25, view.Weights!.Effort, Tolerance);
        Assert.Equal(3, view.ConfigurationVersion);
        Assert.Equal(ScoringConfiguration.TrialDefaultName, view.ConfigurationName);
        Assert.Equal("default", view.RpeSource);
        Assert.True(view.Stale);
        Assert.Equal(["No game points (achieved and maximum): the game score is null."], view.ReasonsFor("game"));
    }

    [Fact]
    public void A_predecessor_row_keeps_its_values_and_leaves_weights_profile_and_reasons_unknown()
    {
        const string row = """
            {"session_id":"x","origin":"predecessor","overall_score":91.6,"compliance_score":null,"symmetry_score":98.8,"effort_score":100,
             "game_score":85,"left_muscle_compliance":88.1,"right_muscle_compliance":86.1,"completion_rate_left":0.92,"completion_rate_right":1,
             "intensity_rate_left":0.82,"intensity_rate_right":0.67,"duration_rate_left":0.91,"duration_rate_right":0.92,"bfr_compliant":true,
             "bfr_pressure_aop":52,"rpe_post_session":6,"game_points_achieved":850,"game_points_max":1000,"scoring_config_id":null}
            """;

        var view = ScoreView.From(new StoredScore(Guid.NewGuid(), "predecessor", null, null, row, null, Stale: false), null);

        Assert.Equal("predecessor", view.Origin);
        Assert.Equal(91.6, view.Overall!.Value, Tolerance);
        Assert.Null(view.Compliance);
        Assert.Equal(1.0, view.Right.CompletionRate!.Value, Tolerance);
        Assert.Null(view.Left.ExpectedContractions);
        Assert.Equal(6, view.Rpe);
        Assert.Equal(52, view.BfrPressureAop!.Value, Tolerance);
        Assert.True(view.BfrCompliant);
        Assert.Null(view.Weights);
        Assert.Null(view.Completeness);
        Assert.Null(view.Profile);
        Assert.Null(view.ConfigurationVersion);
        Assert.Empty(view.ReasonsFor("compliance"));
    }
}
