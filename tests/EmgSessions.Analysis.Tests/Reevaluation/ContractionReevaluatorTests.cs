using System.Text.Json;
using EmgSessions.Analysis.Tests.Reference;
using EmgSessions.Testing;

namespace EmgSessions.Analysis.Tests.Reevaluation;

/// <summary>emg-analysis.md §7.8: new thresholds on a stored result, checked against full analyses of the shared recordings.</summary>
public sealed class ContractionReevaluatorTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Stems => new(TestFiles.GhostlyStems);

    public static TheoryData<string, string> StemsAndThresholds
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var stem in TestFiles.GhostlyStems)
            {
                foreach (var name in NewThresholds.Keys)
                {
                    data.Add(stem, name);
                }
            }

            return data;
        }
    }

    /// <summary>Threshold sets whose MVC is known for every channel, so §7.4 and §7.8 resolve the same threshold.</summary>
    internal static Dictionary<string, AnalysisOptions> NewThresholds { get; } = new(StringComparer.Ordinal)
    {
        ["per-channel MVC and %, global duration"] = new()
        {
            SessionMvcValues = Map(("CH1", 8e-5), ("CH2", 2e-5)),
            SessionMvcThresholdPercentages = Map(("CH1", 60.0), ("CH2", 40.0)),
            ContractionDurationThreshold = 1500,
        },
        ["global MVC and %, per-muscle duration with a null entry"] = new()
        {
            SessionMvcValue = 5e-5,
            SessionMvcThresholdPercentage = 50,
            SessionDurationThresholdsPerMuscle = Map(("CH1", 1.0), ("CH2", null)),
            ContractionDurationThreshold = 800,
            SessionExpectedContractions = 12,
            SessionExpectedContractionsCh2 = 8,
        },
        ["one channel's MVC, the global one for the other, duration threshold 0"] = new()
        {
            SessionMvcValues = Map(("CH1", 1.2e-4)),
            SessionMvcValue = 3e-5,
            SessionMvcThresholdPercentage = 80,
            ContractionDurationThreshold = 0,
        },
        ["no duration threshold"] = new()
        {
            SessionMvcValue = 4e-5,
            SessionMvcThresholdPercentage = 100,
            ContractionDurationThreshold = null,
        },
    };

    [Theory]
    [MemberData(nameof(Stems))]
    public void Re_evaluating_with_the_stored_session_parameters_reproduces_the_analysis_exactly(string stem)
    {
        var stored = GhostlyReferenceTests.Analyze(stem);

        var reevaluated = ContractionReevaluator.Reevaluate(stored, stored.SessionParametersUsed);

        Assert.Equal(stored.ToJson(), reevaluated.ToJson());
    }

    [Theory]
    [MemberData(nameof(StemsAndThresholds))]
    public void Re_evaluating_with_new_thresholds_equals_a_full_analysis_with_them(string stem, string thresholds)
    {
        var options = NewThresholds[thresholds];
        var stored = GhostlyReferenceTests.Analyze(stem);

        var reevaluated = ContractionReevaluator.Reevaluate(stored, options);
        var reanalysed = GhostlyReferenceTests.Analyze(stem, options);

        using var expected = JsonDocument.Parse(reanalysed.ToJson());
        using var actual = JsonDocument.Parse(reevaluated.ToJson());
        var differences = JsonTreeComparer.Compare(expected.RootElement, actual.RootElement, Tolerance, "$");
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(40)));
    }

    [Fact]
    public void New_thresholds_change_the_flags_and_counts_but_not_the_contractions()
    {
        var stored = GhostlyReferenceTests.Analyze(TestFiles.Ghostly0881);
        var before = stored.Channel("CH1")!;
        var median = before.Contractions.Select(c => c.MaxAmplitude).Order().ElementAt(before.Contractions.Count / 2);
        var options = new AnalysisOptions { SessionMvcValue = median, SessionMvcThresholdPercentage = 100, ContractionDurationThreshold = 1000 };

        var ch1 = ContractionReevaluator.Reevaluate(stored, options).Channel("CH1")!;

        Assert.Equal(before.Contractions.Select(c => (c.StartTimeMs, c.EndTimeMs, c.MaxAmplitude)), ch1.Contractions.Select(c => (c.StartTimeMs, c.EndTimeMs, c.MaxAmplitude)));
        Assert.Equal(before.Contractions.Count(c => c.MaxAmplitude >= median), ch1.MvcContractionCount);
        Assert.Equal(before.Contractions.Count(c => c.DurationMs >= 1000), ch1.DurationContractionCount);
        Assert.Equal(before.Contractions.Count(c => c.MaxAmplitude >= median && c.DurationMs >= 1000), ch1.GoodContractionCount);
        Assert.Equal(before.Contractions.Count - (before.Contractions.Count / 2), ch1.MvcContractionCount);
        Assert.Equal(median, ch1.MvcThresholdActualValue);
        Assert.Equal(1000.0, ch1.DurationThresholdActualValue);
        Assert.Equal("global_provided", ch1.MvcEstimationMethod);
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void Without_the_session_parameters_sent_back_no_contraction_meets_the_mvc_and_the_channel_lists_stay(string stem)
    {
        var stored = GhostlyReferenceTests.Analyze(stem);

        var reevaluated = ContractionReevaluator.Reevaluate(stored, AnalysisOptions.Default);

        Assert.Equal(stored.AvailableChannels, reevaluated.AvailableChannels);
        Assert.Equal(stored.CompatAvailableChannels, reevaluated.CompatAvailableChannels);
        foreach (var channel in reevaluated.Analytics)
        {
            var before = stored.Channel(channel.Name)!;
            Assert.Null(channel.MvcThresholdActualValue);
            Assert.Null(channel.MvcEstimationMethod);
            Assert.Equal(0, channel.MvcContractionCount);
            Assert.All(channel.Contractions, c => Assert.False(c.MeetsMvc));
            Assert.Equal(before.ContractionCount, channel.ContractionCount);
            Assert.Equal(before.DurationContractionCount, channel.DurationContractionCount);
            Assert.Equal(before.DurationContractionCount, channel.GoodContractionCount);
        }
    }

    [Fact]
    public void A_channel_mvc_without_any_percentage_gives_no_threshold_unlike_a_full_analysis()
    {
        var stored = GhostlyReferenceTests.Analyze(TestFiles.Ghostly0409);
        var options = new AnalysisOptions { SessionMvcValues = Map(("CH1", 1e-4)), SessionMvcThresholdPercentage = null };

        var ch1 = ContractionReevaluator.Reevaluate(stored, options).Channel("CH1")!;

        // §7.8 fills the % from the global one only (null here); §7.4 would fall back to 75.
        Assert.Null(ch1.MvcThresholdActualValue);
        Assert.Equal(0, ch1.MvcContractionCount);
        Assert.Equal(1e-4 * 0.75, GhostlyReferenceTests.Analyze(TestFiles.Ghostly0409, options).Channel("CH1")!.MvcThresholdActualValue);
    }

    [Fact]
    public void A_channel_that_failed_validation_keeps_no_counts_and_gets_the_new_thresholds()
    {
        var shortSignal = Enumerable.Range(0, 500).Select(i => Math.Sin(i / 3.0) * 1e-4).ToArray();
        var recording = new EmgRecording(["CH1"], [shortSignal], 1000);
        var options = new AnalysisOptions { SessionMvcValue = 2e-5, SessionMvcThresholdPercentage = 50, ContractionDurationThreshold = 700 };

        var reevaluated = ContractionReevaluator.Reevaluate(EmgAnalyzer.Analyze(recording), options);

        var ch1 = reevaluated.Channel("CH1")!;
        Assert.Null(ch1.ContractionCount);
        Assert.Null(ch1.GoodContractionCount);
        Assert.Equal(EmgAnalyzer.Analyze(recording, options).ToJson(), reevaluated.ToJson());
    }

    [Theory]
    [InlineData("threshold_factor")]
    [InlineData("min_duration_ms")]
    [InlineData("smoothing_window")]
    public void Changing_a_detection_option_is_refused_because_it_needs_a_new_analysis(string option)
    {
        var stored = GhostlyReferenceTests.Analyze(TestFiles.Ghostly0823);
        var options = option switch
        {
            "threshold_factor" => new AnalysisOptions { ThresholdFactor = 0.3 },
            "min_duration_ms" => new AnalysisOptions { MinDurationMs = 250 },
            _ => new AnalysisOptions { SmoothingWindow = 50 },
        };

        var error = Assert.Throws<AnalysisOptionsException>(() => ContractionReevaluator.Reevaluate(stored, options));

        Assert.StartsWith(option + " cannot be changed without reprocessing", error.Message, StringComparison.Ordinal);
        Assert.Contains("run a new analysis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_thresholds_are_refused_naming_the_option()
    {
        var stored = GhostlyReferenceTests.Analyze(TestFiles.Ghostly0823);

        var error = Assert.Throws<AnalysisOptionsException>(
            () => ContractionReevaluator.Reevaluate(stored, new AnalysisOptions { SessionMvcThresholdPercentages = Map(("CH2", 120.0)) }));

        Assert.Contains("session_mvc_threshold_percentages[CH2]", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, double?> Map(params (string Channel, double? Value)[] entries) =>
        entries.ToDictionary(e => e.Channel, e => e.Value, StringComparer.Ordinal);
}
