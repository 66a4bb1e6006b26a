using System.Text.Json;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;
using EmgSessions.Testing;

namespace EmgSessions.Analysis.Tests.Reference;

/// <summary>Profile ghostly-v1 against the predecessor's output for the three shared recordings (emg-analysis.md §1).</summary>
public sealed class GhostlyReferenceTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Stems => new(TestFiles.GhostlyStems);

    internal static EmgAnalysisResult Analyze(string stem, AnalysisOptions? options = null)
    {
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(stem)));
        return EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(recording), options);
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void Reproduces_every_metadata_and_analytics_field_of_the_reference(string stem)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(TestFiles.AnalysisReference(stem)));
        using var ours = JsonDocument.Parse(Analyze(stem).ToJson());

        var differences = JsonTreeComparer.Compare(reference.RootElement.GetProperty("metadata"), ours.RootElement.GetProperty("metadata"), Tolerance, "$.metadata");
        differences.AddRange(JsonTreeComparer.Compare(reference.RootElement.GetProperty("analytics"), ours.RootElement.GetProperty("analytics"), Tolerance, "$.analytics"));

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(40)));
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void The_single_core_and_the_multi_core_paths_give_the_same_bits(string stem)
    {
        var recording = EmgRecordingFactory.FromC3d(C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(stem))));
        var options = AnalysisOptions.Default with { SmoothingWindow = 37 };

        var oneCore = EmgAnalyzer.Analyze(recording, null, parallel: false).ToAnalyzeJson();
        var allCores = EmgAnalyzer.Analyze(recording, null, parallel: true).ToAnalyzeJson();

        Assert.Equal(oneCore, allCores);
        Assert.Equal(EmgAnalyzer.Analyze(recording, options, parallel: false).ToAnalyzeJson(), EmgAnalyzer.Analyze(recording, options, parallel: true).ToAnalyzeJson());
        Assert.Contains("\"contraction_count\"", oneCore, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void Keeps_the_predecessor_channel_list_in_compat_and_a_clean_one_in_available_channels(string stem)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(TestFiles.AnalysisReference(stem)));
        var result = Analyze(stem);

        var expected = reference.RootElement.GetProperty("available_channels").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(expected, result.CompatAvailableChannels);
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated", "CH1 Processed", "CH2 Processed"], result.AvailableChannels);
    }

    [Theory]
    [InlineData(TestFiles.Ghostly0409, 15, 0, 15, 0, 11, 0, 11, 0)]
    [InlineData(TestFiles.Ghostly0881, 20, 0, 20, 0, 9, 0, 9, 0)]
    [InlineData(TestFiles.Ghostly0823, 34, 0, 33, 0, 11, 0, 11, 0)]
    public void Counts_the_contractions_of_the_spec_table(string stem, int t1, int g1, int m1, int d1, int t2, int g2, int m2, int d2)
    {
        var result = Analyze(stem);

        var ch1 = result.Channel("CH1")!;
        var ch2 = result.Channel("CH2")!;
        Assert.Equal((t1, g1, m1, d1), (ch1.ContractionCount, ch1.GoodContractionCount, ch1.MvcContractionCount, ch1.DurationContractionCount));
        Assert.Equal((t2, g2, m2, d2), (ch2.ContractionCount, ch2.GoodContractionCount, ch2.MvcContractionCount, ch2.DurationContractionCount));
    }

    [Theory]
    [InlineData(TestFiles.Ghostly0409, 0.00014085727503521114, 5.609308814670436e-05)]
    [InlineData(TestFiles.Ghostly0881, 3.51581612410496e-05, 1.1687468039698564e-05)]
    [InlineData(TestFiles.Ghostly0823, 0.00020712033071703314, 4.494369892805322e-05)]
    public void Reports_the_estimated_MVCs_in_session_parameters_used(string stem, double ch1, double ch2)
    {
        var result = Analyze(stem);

        var used = result.SessionParametersUsed;
        Numbers.AssertClose(ch1, used.SessionMvcValues!["CH1"]!.Value, Tolerance);
        Numbers.AssertClose(ch2, used.SessionMvcValues!["CH2"]!.Value, Tolerance);
        Assert.Equal(75.0, used.SessionMvcThresholdPercentages!["CH1"]);
        Assert.Equal(75.0, used.SessionMvcThresholdPercentages!["CH2"]);
        Assert.Null(result.Options.SessionMvcValues);
    }
}
