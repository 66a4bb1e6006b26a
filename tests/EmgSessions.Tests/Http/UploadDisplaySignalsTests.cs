using System.Net;
using System.Text.Json;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Http;

/// <summary><c>POST /upload</c>'s <c>emg_signals</c> (emg-analysis.md §5 "Display signals", §8.5), checked against the values of §9.5 for 0881.</summary>
public sealed class UploadDisplaySignalsTests(UploadServer upload) : IClassFixture<UploadServer>
{
    private const int Samples = 173370;
    private const double Rate = 990.0;

    [Fact]
    public async Task Every_available_channel_has_its_display_signals_with_the_reference_values()
    {
        using var body = await UploadAsync(("include_signals", "true"));
        var root = body.RootElement;

        // One entry per available channel, in that order, each with the six fields.
        var available = root.GetProperty("available_channels").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated", "CH1 Processed", "CH2 Processed"], available);
        var signals = root.GetProperty("emg_signals");
        Assert.Equal(available, signals.EnumerateObject().Select(p => p.Name));
        foreach (var signal in signals.EnumerateObject().Select(p => p.Value))
        {
            Assert.Equal(["sampling_rate", "time_axis", "data", "rms_envelope", "activated_data", "processed_data"], signal.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Rate, signal.GetProperty("sampling_rate").GetDouble());
            Assert.Equal(Samples, signal.GetProperty("time_axis").GetArrayLength());
            Assert.Equal(Samples, signal.GetProperty("data").GetArrayLength());
            Assert.Equal(Samples, signal.GetProperty("rms_envelope").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, signal.GetProperty("activated_data").ValueKind);
            Assert.Equal(1000 / Rate, signal.GetProperty("time_axis")[1000].GetDouble(), 1e-12);
            Assert.Equal((Samples - 1) / Rate, signal.GetProperty("time_axis")[Samples - 1].GetDouble(), 1e-9);
        }

        // CH1 Raw: the raw samples, the moving RMS (M 49) and, as the analysed channel, the envelope (§9.5, T11).
        var ch1 = signals.GetProperty("CH1 Raw");
        AssertRelative(-3.44090949511155e-05, ch1.GetProperty("data")[0]);
        AssertRelative(-2.41702909988817e-05, ch1.GetProperty("data")[2]);
        AssertRelative(1.15758374130042e-05, ch1.GetProperty("rms_envelope")[0]);
        AssertRelative(1.74712518307328e-05, ch1.GetProperty("rms_envelope")[1000]);
        AssertRelative(1.24864954191383e-05, ch1.GetProperty("rms_envelope")[Samples - 1]);
        AssertRelative(1.72302035635253e-06, ch1.GetProperty("processed_data")[0]);
        AssertRelative(3.01683162130802e-06, ch1.GetProperty("processed_data")[1000]);
        AssertRelative(1.1120010531188e-06, ch1.GetProperty("processed_data")[Samples - 1]);
        AssertRelative(1.0478850987284e-06, signals.GetProperty("CH2 Raw").GetProperty("processed_data")[0]);

        // Activated channels feed nothing: no envelope. "{B} Processed" is the envelope as data and rms_envelope.
        Assert.Equal(JsonValueKind.Null, signals.GetProperty("CH1 activated").GetProperty("processed_data").ValueKind);
        Assert.True(signals.GetProperty("CH1 activated").GetProperty("data").EnumerateArray().All(v => v.GetDouble() >= 0));
        var processed = signals.GetProperty("CH1 Processed");
        Assert.Equal(JsonValueKind.Null, processed.GetProperty("processed_data").ValueKind);
        AssertRelative(1.72302035635253e-06, processed.GetProperty("data")[0]);
        AssertRelative(0.000761132891949062, processed.GetProperty("data")[21810]);
        Assert.Equal(processed.GetProperty("data").GetRawText(), processed.GetProperty("rms_envelope").GetRawText());
        Assert.Equal(ch1.GetProperty("processed_data").GetRawText(), processed.GetProperty("data").GetRawText());
        AssertRelative(0.000362842793234701, signals.GetProperty("CH2 Processed").GetProperty("data")[4936]);
    }

    [Fact]
    public async Task The_signals_are_left_out_unless_asked_for_and_a_bad_switch_is_refused()
    {
        using var without = await UploadAsync();
        using var form = Form(("include_signals", "maybe"));
        using var refused = await upload.Client.PostAsync("/upload", form);

        Assert.False(without.RootElement.TryGetProperty("emg_signals", out _));
        Assert.Equal(2, without.RootElement.GetProperty("analytics").EnumerateObject().Count());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("include_signals", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> UploadAsync(params (string Name, string Value)[] fields)
    {
        using var form = Form(fields);
        using var response = await upload.Client.PostAsync("/upload", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        return await JsonDocument.ParseAsync(stream);
    }

    private static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881))), "file", TestFiles.Ghostly0881 + ".c3d" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    /// <summary>Relative tolerance 1e-9 (the reference values are float64 results of the same formulas).</summary>
    private static void AssertRelative(double expected, JsonElement actual) =>
        Assert.InRange(actual.GetDouble(), expected - (Math.Abs(expected) * 1e-9), expected + (Math.Abs(expected) * 1e-9));
}
