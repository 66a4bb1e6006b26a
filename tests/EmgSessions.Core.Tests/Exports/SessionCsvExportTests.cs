using System.Globalization;
using System.Text.Json;
using CsvHelper;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Json;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Exports;

/// <summary>
/// Per-session CSVs read back with CsvHelper equal the analytics JSON exactly: reals are written as the shortest
/// round-trip text, so the tolerance is zero (the digits written are all the digits of the double).
/// </summary>
public sealed class SessionCsvExportTests
{
    private static string ReferenceJson => File.ReadAllText(TestFiles.AnalysisReference(TestFiles.Ghostly0881));

    [Fact]
    public async Task Contractions_csv_reads_back_with_the_json_values_and_field_names()
    {
        var channels = AnalyticsJsonReader.ReadChannels(ReferenceJson);
        using var output = new MemoryStream();
        var written = await ExportCsvWriter.WriteAsync(SessionTables.Contractions, channels.SelectMany(c => c.Contractions), output);

        using var document = JsonDocument.Parse(ReferenceJson);
        var expected = document.RootElement.GetProperty("analytics").EnumerateObject()
            .SelectMany(c => c.Value.GetProperty("contractions").EnumerateArray().Select(k => (Channel: c.Name, Json: k))).ToList();
        Assert.Equal(expected.Count, written);
        Assert.True(expected.Count > 10);

        output.Position = 0;
        using var reader = new CsvReader(new StreamReader(output), CultureInfo.InvariantCulture);
        Assert.True(await reader.ReadAsync());
        reader.ReadHeader();
        Assert.Equal(
            ["channel", "side", "contraction_index", "start_time_ms", "end_time_ms", "duration_ms", "mean_amplitude", "max_amplitude", "is_good", "meets_mvc", "meets_duration"],
            reader.HeaderRecord!);
        foreach (var (channel, json) in expected)
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(channel, reader.GetField("channel"));
            Assert.Equal(channel == "CH1" ? "left" : "right", reader.GetField("side"));
            foreach (var name in new[] { "start_time_ms", "end_time_ms", "duration_ms", "mean_amplitude", "max_amplitude" })
            {
                Assert.Equal(json.GetProperty(name).GetDouble(), reader.GetField<double>(name));
            }

            foreach (var name in new[] { "is_good", "meets_mvc", "meets_duration" })
            {
                Assert.Equal(json.GetProperty(name).GetBoolean(), reader.GetField<bool>(name));
            }
        }

        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Metrics_csv_has_one_row_per_channel_with_the_json_metrics()
    {
        var channels = AnalyticsJsonReader.ReadChannels(ReferenceJson);
        using var output = new MemoryStream();
        await ExportCsvWriter.WriteAsync(SessionTables.Metrics, channels, output);

        using var document = JsonDocument.Parse(ReferenceJson);
        var analytics = document.RootElement.GetProperty("analytics");
        output.Position = 0;
        using var reader = new CsvReader(new StreamReader(output), CultureInfo.InvariantCulture);
        await reader.ReadAsync();
        reader.ReadHeader();
        Assert.Equal(SessionTables.Metrics.Columns.Select(c => c.Name), reader.HeaderRecord!);
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            var json = analytics.GetProperty(reader.GetField("channel")!);
            foreach (var name in new[] { "rms", "mav", "mpf", "mdf", "fatigue_index_fi_nsm5", "avg_duration_ms", "max_amplitude", "mvc_threshold_actual_value" })
            {
                Assert.Equal(json.GetProperty(name).GetDouble(), reader.GetField<double>(name));
            }

            Assert.Equal(json.GetProperty("contraction_count").GetInt64(), reader.GetField<long>("contraction_count"));
            Assert.Equal(json.GetProperty("mvc_estimation_method").GetString(), reader.GetField("mvc_estimation_method"));
            Assert.Equal("", reader.GetField("expected_contractions"));
        }

        Assert.Equal(analytics.EnumerateObject().Count(), rows);
    }

    [Fact]
    public void Non_finite_and_null_values_are_empty_cells_and_reals_keep_every_digit()
    {
        Assert.Equal("", ExportCsvWriter.Format(null));
        Assert.Equal("", ExportCsvWriter.Format(double.NaN));
        Assert.Equal("0.1", ExportCsvWriter.Format(0.1));
        Assert.Equal(2.7672675787501497e-12, double.Parse(ExportCsvWriter.Format(2.7672675787501497e-12), CultureInfo.InvariantCulture));
        Assert.Throws<ArgumentException>(() => ExportCsvWriter.Format(DateTime.UnixEpoch));
    }

    [Fact]
    public void Analytics_reader_gives_no_channels_for_an_entry_without_analytics_and_rejects_non_json()
    {
        Assert.Empty(AnalyticsJsonReader.ReadChannels("{}"));
        Assert.Empty(AnalyticsJsonReader.ReadChannels(""));
        Assert.ThrowsAny<JsonException>(() => AnalyticsJsonReader.ReadChannels("not json"));
    }

    [Theory]
    [InlineData("CH1", "left")]
    [InlineData("CH2", "right")]
    [InlineData("BicepsL", "left")]
    [InlineData("Quadriceps_right", "right")]
    [InlineData("Biceps R", "right")]
    [InlineData("CH3", null)]
    [InlineData("EMGL", null)]
    public void Channel_side_follows_the_default_mapping_then_the_channel_name(string channel, string? side) =>
        Assert.Equal(side, ChannelSide.Of(channel));

    [Fact]
    public void Channel_side_follows_a_configured_mapping_before_the_name()
    {
        Assert.Equal("left", ChannelSide.Of("EMG_B", leftChannel: "EMG_B", rightChannel: "EMG_A"));
        Assert.Equal("right", ChannelSide.Of("BicepsL", leftChannel: "X", rightChannel: "BicepsL"));
        var swapped = AnalyticsJsonReader.ReadChannels(ReferenceJson, leftChannel: "CH2", rightChannel: "CH1");
        Assert.Equal("right", swapped.Single(c => c.Channel == "CH1").Side);
        Assert.All(swapped.Single(c => c.Channel == "CH2").Contractions, k => Assert.Equal("left", k.Side));
    }
}
