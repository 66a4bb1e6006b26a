using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;
using EmgSessions.Core.Scores;
using EmgSessions.Testing;

namespace EmgSessions.Scoring.Tests;

/// <summary>
/// The EMG inputs of scoring read from the analyses of the three shared recordings (emg-analysis.md §9.5 counts),
/// from the analysis records, the analytics-cache JSON and the predecessor's reference JSON alike.
/// </summary>
public sealed class AnalyticsScoringInputsTests
{
    public static TheoryData<string, int, int, int, int> SampleCounts => new()
    {
        // stem, CH1 total, CH1 mvc, CH2 total, CH2 mvc (duration counts are 0 everywhere with the default 2 s threshold)
        { TestFiles.Ghostly0409, 15, 15, 11, 11 },
        { TestFiles.Ghostly0881, 20, 20, 9, 9 },
        { TestFiles.Ghostly0823, 34, 33, 11, 11 },
    };

    public static TheoryData<string, double, double, double, double, double, double> SampleScores => new()
    {
        // stem, v1 left, v1 right, v1 symmetry, v1 overall (RPE 6, 850/1000, BFR 52), trial left, trial overall (no inputs)
        { TestFiles.Ghostly0409, 74.925, 63.824999999999996, 92.0, 83.5, 66.60000000000001, 82.07433510638297 },
        { TestFiles.Ghostly0881, 88.80000000000001, 58.27500000000001, 79.24528301886792, 81.976320754717, 66.60000000000001, 79.55208333333334 },
        { TestFiles.Ghostly0823, 126.67058823529413, 63.824999999999996, 67.00942587832047, 87.60147411663894, 65.62058823529412, 82.01461269564572 },
    };

    [Theory]
    [MemberData(nameof(SampleCounts))]
    public void The_analysis_records_give_CH1_as_left_and_CH2_as_right(string stem, int leftTotal, int leftMvc, int rightTotal, int rightMvc)
    {
        var inputs = AnalyticsScoringInputs.FromChannels(Analyse(stem).Analytics);

        Assert.Equal(new SideCounts(leftTotal, leftMvc, 0), inputs.Left);
        Assert.Equal(new SideCounts(rightTotal, rightMvc, 0), inputs.Right);
        Assert.Null(inputs.ExpectedLeft);
        Assert.Null(inputs.ExpectedRight);
    }

    [Theory]
    [MemberData(nameof(SampleCounts))]
    public void The_cached_analytics_JSON_and_the_predecessor_reference_give_the_same_inputs(string stem, int leftTotal, int leftMvc, int rightTotal, int rightMvc)
    {
        var fromCache = StoredScoringInputs.FromAnalyticsJson(Analyse(stem).ToCacheJson(Examples.Now));
        var fromReference = StoredScoringInputs.FromAnalyticsJson(File.ReadAllText(TestFiles.AnalysisReference(stem)));

        Assert.Equal(new SideCounts(leftTotal, leftMvc, 0), fromCache.Left);
        Assert.Equal(new SideCounts(rightTotal, rightMvc, 0), fromCache.Right);
        Assert.Equal(fromCache, fromReference);
    }

    [Theory]
    [MemberData(nameof(SampleScores))]
    public void The_samples_score_as_the_formulas_say(string stem, double v1Left, double v1Right, double v1Symmetry, double v1Overall, double trialLeft, double trialOverall)
    {
        var emg = AnalyticsScoringInputs.FromChannels(Analyse(stem).Analytics);
        var therapist = emg with { Rpe = 6, GamePointsAchieved = 850, GamePointsMax = 1000, BfrPressureAop = 52 };

        var v1 = Examples.V1(therapist);
        var trial = Examples.Trial(emg);

        Close.Equal(v1Left, v1.LeftMuscleCompliance);
        Close.Equal(v1Right, v1.RightMuscleCompliance);
        Close.Equal(v1Symmetry, v1.SymmetryScore);
        Close.Equal(v1Overall, v1.OverallScore);
        Close.Equal(trialLeft, trial.LeftMuscleCompliance);
        Close.Equal(trialOverall, trial.OverallScore);
        Assert.Equal("default", trial.RpeSource);
        Assert.Null(trial.GameScore);
    }

    [Fact]
    public void A_configured_side_mapping_swaps_the_legs()
    {
        var inputs = AnalyticsScoringInputs.FromChannels(Analyse(TestFiles.Ghostly0881).Analytics, new SideMapping("CH2", "CH1"));

        Assert.Equal(new SideCounts(9, 9, 0), inputs.Left);
        Assert.Equal(new SideCounts(20, 20, 0), inputs.Right);
    }

    [Fact]
    public void Expected_contractions_of_the_analysis_options_are_carried_per_side()
    {
        var result = Analyse(TestFiles.Ghostly0881, AnalysisOptions.Default with { SessionExpectedContractionsCh1 = 10, SessionExpectedContractionsCh2 = 8 });

        var inputs = AnalyticsScoringInputs.FromChannels(result.Analytics);
        var fromJson = StoredScoringInputs.FromAnalyticsJson(result.ToJson());

        Assert.Equal(10, inputs.ExpectedLeft);
        Assert.Equal(8, inputs.ExpectedRight);
        Assert.Equal(inputs, fromJson);
    }

    [Fact]
    public void Null_MVC_and_duration_counts_fall_back_to_the_good_count_then_to_the_contraction_flags()
    {
        const string json = """
            {"CH1": {"contraction_count": 3, "good_contraction_count": 2, "mvc_contraction_count": null, "duration_contraction_count": null, "contractions": []},
             "CH2": {"contraction_count": 3, "contractions": [
                {"meets_mvc": true, "meets_duration": false}, {"meets_mvc": true, "meets_duration": true}, {"meets_mvc": false, "meets_duration": false}]}}
            """;

        var inputs = StoredScoringInputs.FromAnalyticsJson(json);

        Assert.Equal(new SideCounts(3, 2, 2), inputs.Left);
        Assert.Equal(new SideCounts(3, 2, 1), inputs.Right);
    }

    [Fact]
    public void A_failed_or_absent_channel_gives_a_null_side_not_zero_counts()
    {
        const string json = """{"analytics": {"CH1": {"contraction_count": null, "contractions": [], "errors": {"signal_processing": "Signal processing failed"}}}}""";

        var inputs = StoredScoringInputs.FromAnalyticsJson(json);
        var result = Examples.Trial(inputs);

        Assert.Null(inputs.Left);
        Assert.Null(inputs.Right);
        Assert.Null(result.OverallScore);
        Assert.False(result.DataCompleteness.HasEmgData);
    }

    [Theory]
    [InlineData("[]", "The stored analytics are not a JSON object")]
    [InlineData("{\"CH1\": ", "The stored analytics are not valid JSON")]
    public void Malformed_analytics_JSON_is_refused_with_what_to_do(string json, string message)
    {
        var error = Assert.Throws<ScoringInputException>(() => StoredScoringInputs.FromAnalyticsJson(json));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("reprocess the session", error.Message, StringComparison.Ordinal);
    }

    private static EmgAnalysisResult Analyse(string stem, AnalysisOptions? options = null) =>
        EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(stem)))), options);
}
