using System.Buffers.Binary;
using System.Text.Json;
using EmgSessions.Analysis.Signals;

namespace EmgSessions.Analysis.Tests.Signals;

/// <summary>dashboard.md §3: the size of a ≤ 2,400-point window of the 175 s recording 0881, for its two channels.</summary>
public sealed class SignalWindowPayloadTests
{
    [Fact]
    public void Two_channels_of_2400_points_take_under_50_KB_as_float32()
    {
        var windows = TwoChannels(2400);

        var bytes = windows.Sum(w => w.ToFloat32Bytes().Length);

        // 2 × (32 header + 2 375 buckets × 2 × 4 bytes).
        Assert.Equal(2 * (32 + (2_375 * 8)), bytes);
        Assert.True(bytes < 50_000, $"{bytes} bytes");
    }

    [Fact]
    public void Two_channels_of_2400_points_as_json_stay_within_the_size_of_shortest_float32_text()
    {
        var windows = TwoChannels(2400);

        var sizes = windows.Select(w => Json(w).Length).ToArray();

        // Shortest round-trip float32 text of volts (e.g. -3.0912345E-05) takes about 14 bytes a value (measured:
        // 68,651 and 67,265 bytes): JSON is 3.5 times the Float32 form, so the 50 KB budget for two channels holds
        // for the binary variant (or a compressed response), not for plain JSON.
        Assert.All(sizes, size => Assert.InRange(size, 2_375 * 2 * 12, 2_375 * 2 * 16));
        Assert.True(sizes.Sum() > 50_000);
    }

    [Fact]
    public void The_json_form_carries_the_timing_unit_and_both_extremes()
    {
        var window = TwoChannels(2400)[0];

        using var json = JsonDocument.Parse(Json(window));
        var root = json.RootElement;

        Assert.Equal(["fs", "t0", "dt", "unit", "min", "max"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(990.0, root.GetProperty("fs").GetDouble());
        Assert.Equal(0.0, root.GetProperty("t0").GetDouble());
        Assert.Equal(73 / 990.0, root.GetProperty("dt").GetDouble(), 1e-15);
        Assert.Equal("V", root.GetProperty("unit").GetString());
        Assert.Equal(window.Min!, root.GetProperty("min").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(window.Max!, root.GetProperty("max").EnumerateArray().Select(e => e.GetSingle()));
    }

    [Fact]
    public void The_float32_form_reads_back_to_the_window()
    {
        var samples = SignalSamples.Noise(5_000, seed: 2);
        var pyramid = SignalPyramid.Build(samples, 1000);
        var minMax = pyramid.Window(SignalPyramidTests.Request(0.5, 4, 100, pyramid.Duration));
        var raw = pyramid.Window(SignalPyramidTests.Request(0.5, 0.6, 100, pyramid.Duration));

        var (kind, values) = Read(minMax.ToFloat32Bytes(), minMax);
        var (rawKind, rawValues) = Read(raw.ToFloat32Bytes(), raw);

        Assert.Equal(0, kind);
        Assert.Equal(minMax.Min!.Concat(minMax.Max!), values);
        Assert.Equal(1, rawKind);
        Assert.Equal(raw.Samples!, rawValues);
        using var json = JsonDocument.Parse(Json(raw));
        Assert.Equal(["fs", "t0", "dt", "unit", "samples"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_sample_that_is_not_finite_is_a_null_in_the_json()
    {
        var samples = SignalSamples.Noise(1_000, seed: 4);
        samples[10] = double.NaN;
        samples[11] = double.PositiveInfinity;
        var pyramid = SignalPyramid.Build(samples, 1000);

        var raw = pyramid.Window(SignalPyramidTests.Request(0, 0.02, 100, pyramid.Duration));
        var minMax = pyramid.Window(SignalPyramidTests.Request(null, null, 100, pyramid.Duration));

        using var rawJson = JsonDocument.Parse(Json(raw));
        using var minMaxJson = JsonDocument.Parse(Json(minMax));
        var values = rawJson.RootElement.GetProperty("samples").EnumerateArray().ToArray();
        Assert.Equal(21, values.Length);
        Assert.Equal(JsonValueKind.Null, values[10].ValueKind);
        Assert.Equal(JsonValueKind.Null, values[11].ValueKind);
        Assert.Equal((float)samples[12], values[12].GetSingle());
        Assert.Equal(JsonValueKind.Null, minMaxJson.RootElement.GetProperty("min")[1].ValueKind);
        Assert.Equal((float)samples[0..10].Min(), minMaxJson.RootElement.GetProperty("min")[0].GetSingle());
    }

    private static SignalWindow[] TwoChannels(int points)
    {
        var recording = SignalSamples.Ghostly0881;
        return [.. Enumerable.Range(0, 2).Select(c =>
        {
            var pyramid = SignalPyramid.Build(recording.Channels[c], 990);
            return pyramid.Window(SignalPyramidTests.Request(null, null, points, pyramid.Duration));
        })];
    }

    private static byte[] Json(SignalWindow window)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            window.WriteJson(writer);
        }

        return stream.ToArray();
    }

    private static (int Kind, float[] Values) Read(byte[] bytes, SignalWindow window)
    {
        var span = bytes.AsSpan();
        Assert.Equal(window.Fs, BinaryPrimitives.ReadDoubleLittleEndian(span));
        Assert.Equal(window.T0, BinaryPrimitives.ReadDoubleLittleEndian(span[8..]));
        Assert.Equal(window.Dt, BinaryPrimitives.ReadDoubleLittleEndian(span[16..]));
        var kind = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[28..]);
        var values = new float[(bytes.Length - 32) / 4];
        Assert.Equal(kind == 0 ? 2 * count : count, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(32 + (4 * i))..]);
        }

        return (kind, values);
    }
}
