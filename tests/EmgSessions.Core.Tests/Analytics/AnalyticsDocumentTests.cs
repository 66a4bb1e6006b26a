using System.Text.Json;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Analytics;
using EmgSessions.Core.Recordings;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Analytics;

/// <summary>
/// The one reader of the analytics document: the values Phase 2 wrote read back bit for bit, the predecessor's
/// reference outputs read to our analysis within the reference tests' 1e-9, and stored entries of other shapes read
/// as absent where a member has an unexpected kind, never as an error.
/// </summary>
public sealed class AnalyticsDocumentTests
{
    private static readonly DateTimeOffset CachedAt = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<EmgAnalysisResult> Sample0881 = new(() =>
        EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881))))));

    [Fact]
    public void A_cache_entry_reads_back_to_the_bits_of_the_analysis_records()
    {
        var result = Sample0881.Value;
        var hash = new string('a', 64);

        var document = AnalyticsDocument.Parse(result.ToCacheJson(CachedAt, hash))!;

        Assert.True(document.HasAnalytics);
        Assert.Equal(hash, document.FileHash);
        Assert.Equal(EmgAnalyzer.ProcessingVersion, document.ProcessingVersion);
        Assert.Equal(JsonValueKind.Object, document.ProcessingParams!.Value.ValueKind);
        Assert.Equal(result.Analytics.Select(c => c.Name), document.Channels!.Select(c => c.Name));
        foreach (var (expected, actual) in result.Analytics.Zip(document.Channels!))
        {
            // Shortest round-trip doubles: exact equality.
            Assert.Equal(expected.Rms, actual.Rms);
            Assert.Equal(expected.Mav, actual.Mav);
            Assert.Equal(expected.Mpf, actual.Mpf);
            Assert.Equal(expected.Mdf, actual.Mdf);
            Assert.Equal(expected.FatigueIndexFiNsm5, actual.FatigueIndexFiNsm5);
            Assert.Equal(expected.ContractionCount, actual.ContractionCount);
            Assert.Equal(expected.GoodContractionCount, actual.GoodContractionCount);
            Assert.Equal(expected.MvcContractionCount, actual.MvcContractionCount);
            Assert.Equal(expected.DurationContractionCount, actual.DurationContractionCount);
            Assert.Equal(expected.ExpectedContractions, actual.ExpectedContractions);
            Assert.Equal(expected.AvgDurationMs, actual.AvgDurationMs);
            Assert.Equal(expected.TotalTimeUnderTensionMs, actual.TotalTimeUnderTensionMs);
            Assert.Equal(expected.MvcThresholdActualValue, actual.MvcThresholdActualValue);
            Assert.Equal(expected.DurationThresholdActualValue, actual.DurationThresholdActualValue);
            Assert.Equal(expected.MvcEstimationMethod, actual.MvcEstimationMethod);
            Assert.Equal(
                expected.Contractions.Select(k => (k.StartTimeMs, k.EndTimeMs, k.DurationMs, k.MeanAmplitude, k.MaxAmplitude, k.IsGood, k.MeetsMvc, k.MeetsDuration)),
                actual.ContractionList.Select(k => ((double)k.StartTimeMs!, (double)k.EndTimeMs!, (double)k.DurationMs!, (double)k.MeanAmplitude!, (double)k.MaxAmplitude!, k.IsGood, k.MeetsMvc, k.MeetsDuration)));
        }
    }

    [Fact]
    public void A_cache_entry_gives_each_channel_the_MVC_value_and_percentage_behind_its_threshold()
    {
        var result = Sample0881.Value;

        var document = AnalyticsDocument.Parse(result.ToCacheJson(CachedAt))!;

        foreach (var channel in result.Analytics)
        {
            // emg-analysis.md §7.7: the p95 estimate and the default 75 %, bit for bit; threshold = mvc × (pct / 100).
            Assert.Equal(channel.MvcValueUsed, document.MvcValueUsed(channel.Name));
            Assert.Equal(75.0, document.MvcPercentageUsed(channel.Name));
            Assert.Equal(channel.MvcThresholdActualValue, document.MvcValueUsed(channel.Name)!.Value * (document.MvcPercentageUsed(channel.Name)!.Value / 100.0));
        }

        Assert.Equal(3.51581612410496e-05, document.MvcValueUsed("CH1")!.Value, 1e-15);
        Assert.Null(document.MvcValueUsed("CH9"));
    }

    [Theory]
    [InlineData("""{"analytics": {"CH1": {}}}""")]
    [InlineData("""{"analytics": {"CH1": {}}, "session_parameters_used": null}""")]
    [InlineData("""{"analytics": {"CH1": {}}, "session_parameters_used": [1]}""")]
    [InlineData("""{"analytics": {"CH1": {}}, "session_parameters_used": {"session_mvc_values": null}}""")]
    [InlineData("""{"analytics": {"CH1": {}}, "session_parameters_used": {"session_mvc_values": {"CH1": "0.001"}}}""")]
    [InlineData("""{"analytics": {"CH1": {}}, "session_parameters_used": {"session_mvc_values": {"CH1": 0}}}""")]
    [InlineData("""{"analytics": {"CH1": {}}, "session_parameters_used": {"session_mvc_values": {"CH1": -0.001}}}""")]
    public void An_entry_without_a_usable_MVC_value_such_as_the_predecessors_has_none(string json)
    {
        var document = AnalyticsDocument.Parse(json)!;

        Assert.True(document.HasAnalytics);
        Assert.Null(document.MvcValueUsed("CH1"));
        Assert.Null(document.MvcPercentageUsed("CH1"));
    }

    [Fact]
    public void The_predecessors_reference_output_reads_to_our_analysis_within_1e_9()
    {
        var result = Sample0881.Value;

        var reference = AnalyticsDocument.Parse(File.ReadAllText(TestFiles.AnalysisReference(TestFiles.Ghostly0881)))!;

        Assert.Equal(result.Analytics.Select(c => c.Name), reference.Channels!.Select(c => c.Name));
        foreach (var (ours, theirs) in result.Analytics.Zip(reference.Channels!))
        {
            Assert.Equal(ours.ContractionCount, theirs.ContractionCount);
            Assert.Equal(ours.Contractions.Count, theirs.ContractionList.Count);
            Close(ours.Rms, theirs.Rms);
            Close(ours.Mav, theirs.Mav);
            Close(ours.Mpf, theirs.Mpf);
            Close(ours.Mdf, theirs.Mdf);
            Close(ours.MvcThresholdActualValue, theirs.MvcThresholdActualValue);
            foreach (var (k, r) in ours.Contractions.Zip(theirs.ContractionList))
            {
                Close(k.MeanAmplitude, r.MeanAmplitude);
                Close(k.StartTimeMs, r.StartTimeMs);
                Assert.Equal(k.MeetsMvc, r.MeetsMvc);
            }
        }

        Assert.Equal(JsonValueKind.String, reference.Metadata!["game_name"].ValueKind);
    }

    [Fact]
    public void A_member_of_an_unexpected_kind_reads_as_absent_and_never_fails_the_document()
    {
        const string json = """
            {"metadata": ["not", "an", "object"],
             "analytics": {
               "CH1": {"rms": "0.5", "mav": 0.25, "contraction_count": 3.5, "expected_contractions": 12.0, "good_contraction_count": 1e10,
                       "mvc_estimation_method": 7,
                       "contractions": [1, {"start_time_ms": 10, "end_time_ms": 20, "is_good": "true", "meets_mvc": true}, null, {"duration_ms": {}}]},
               "CH2": "failed",
               "CH3": {"contractions": {"not": "a list"}}},
             "warnings": [{"code": "TruncatedFile", "message": "cut"}, "bare text", 42, null, []],
             "skipped_channels": [{"channel": "CH4", "unit": null, "reason": "Not EMG"}, "CH5"],
             "file_hash": 12,
             "processing_version": null}
            """;

        var document = AnalyticsDocument.Parse(json)!;

        Assert.Null(document.Metadata);
        Assert.Null(document.FileHash);
        Assert.Null(document.ProcessingVersion);
        Assert.Equal(["CH1", "CH3"], document.Channels!.Select(c => c.Name));
        var ch1 = document.Channels![0];
        Assert.Null(ch1.Rms);
        Assert.Equal(0.25, ch1.Mav);
        Assert.Null(ch1.ContractionCount);
        Assert.Equal(12, ch1.ExpectedContractions);
        Assert.Null(ch1.GoodContractionCount);
        Assert.Null(ch1.MvcEstimationMethod);
        Assert.Equal(2, ch1.ContractionList.Count);
        Assert.Equal((10.0, 20.0, false, true), (ch1.ContractionList[0].StartTimeMs, ch1.ContractionList[0].EndTimeMs, ch1.ContractionList[0].IsGood, ch1.ContractionList[0].MeetsMvc));
        Assert.Null(ch1.ContractionList[1].DurationMs);
        Assert.Empty(document.Channels![1].ContractionList);
        Assert.Equal([("TruncatedFile", "cut", true), (null, "bare text", false), (null, "42", false)], document.Warnings!.Select(w => (w.Code, w.Message, w.FromObject)));
        Assert.Equal(("CH4", (string?)null, "Not EMG"), (document.SkippedChannels!.Single().Channel, document.SkippedChannels!.Single().Unit, document.SkippedChannels!.Single().Reason));
    }

    [Theory]
    [InlineData("{\"analytics\": ")]
    [InlineData("[1")]
    [InlineData("1 2")]
    [InlineData("not json")]
    public void Text_that_is_not_JSON_is_refused_by_Parse_and_is_no_document_for_TryParse(string json)
    {
        Assert.ThrowsAny<JsonException>(() => AnalyticsDocument.Parse(json));
        Assert.Null(AnalyticsDocument.TryParse(json));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData(" 12 ")]
    public void Nothing_or_a_root_that_is_not_an_object_is_no_document(string? json)
    {
        Assert.Null(AnalyticsDocument.Parse(json));
    }

    [Fact]
    public void Has_analytics_means_an_analytics_object_and_an_empty_entry_has_no_members()
    {
        var empty = AnalyticsDocument.Parse(" { } ")!;
        var nullAnalytics = AnalyticsDocument.Parse("""{"analytics": null}""")!;
        var unknownOnly = AnalyticsDocument.Parse("""{"cached_at": "2026-12-05T00:00:00Z"}""")!;
        var emptyAnalytics = AnalyticsDocument.Parse("""{"analytics": {}}""")!;

        Assert.False(empty.HasMembers);
        Assert.False(empty.HasAnalytics);
        Assert.True(nullAnalytics.HasMembers);
        Assert.False(nullAnalytics.HasAnalytics);
        Assert.True(unknownOnly.HasMembers);
        Assert.True(emptyAnalytics.HasAnalytics);
        Assert.Empty(emptyAnalytics.Channels!);
    }

    [Fact]
    public void A_bare_channel_map_is_read_as_channels_only_when_there_is_no_analytics_object()
    {
        var bare = AnalyticsDocument.Parse("""{"CH1": {"contraction_count": 4}, "CH2": {"contraction_count": 5}, "note": "x"}""")!;
        var full = AnalyticsDocument.Parse("""{"analytics": {"CH1": {"contraction_count": 6}}, "CH2": {"contraction_count": 5}}""")!;

        Assert.Equal([("CH1", (int?)4), ("CH2", 5)], bare.ChannelsOrBareMap().Select(c => (c.Name, c.ContractionCount)));
        Assert.Equal([("CH1", (int?)6)], full.ChannelsOrBareMap().Select(c => (c.Name, c.ContractionCount)));
    }

    private static void Close(double? expected, double? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        var scale = Math.Max(1e-300, Math.Max(Math.Abs(expected.Value), Math.Abs(actual.Value)));
        Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * scale, $"{expected} vs {actual} (relative tolerance 1e-9)");
    }
}
