using System.Text.Json;
using EmgSessions.Testing;

namespace EmgSessions.C3d.Tests;

/// <summary>The three GHOSTLY samples against their reference JSON (../shared/reference), floats to 1e-9 relative.</summary>
public sealed class GhostlySampleTests
{
    private const double Relative = 1e-9;

    /// <summary>Defaults the reference reader adds; the README says these are not in the files.</summary>
    private static readonly HashSet<string> ReferenceDefaults = new(StringComparer.Ordinal)
    {
        "POINT:DESCRIPTIONS", "POINT:UNITS", "ANALOG:DESCRIPTIONS", "ANALOG:UNITS", "ANALOG:FORMAT", "ANALOG:BITS",
    };

    public static TheoryData<string> Stems => new(TestFiles.GhostlyStems);

    [Theory]
    [MemberData(nameof(Stems))]
    public void Header_facts_match_the_reference(string stem)
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(TestFiles.ReaderReference(stem)));
        var header = reference.RootElement.GetProperty("header");
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.Sample(stem)));

        Assert.Equal(C3dProcessor.Intel, info.Processor);
        Assert.Equal(C3dStorage.Float, info.Storage);
        Assert.Equal(header.GetProperty("first_frame").GetInt32(), info.FirstFrame);
        Assert.Equal(header.GetProperty("last_frame").GetInt32(), info.LastFrame);
        Assert.Equal(header.GetProperty("nb_frames").GetInt64(), info.FrameCount);
        Assert.Equal(header.GetProperty("nb_points").GetInt32(), info.PointCount);
        Assert.Equal(header.GetProperty("nb_analog_channels").GetInt32(), info.AnalogCount);
        Assert.Equal(header.GetProperty("analog_samples_per_frame").GetInt32(), info.AnalogSamplesPerFrame);
        Assert.Equal(header.GetProperty("point_rate").GetDouble(), info.PointRate);
        Assert.Equal(header.GetProperty("analog_rate").GetDouble(), info.AnalogRate);
        Assert.Equal(reference.RootElement.GetProperty("n_analog_samples_per_channel").GetInt64(), info.AnalogSamplesPerChannel);
        Assert.Equal(reference.RootElement.GetProperty("file_size_bytes").GetInt64(), info.FileLength);
        Assert.Equal(3 * 512, info.DataStart);
        Assert.Equal(["CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated"], info.AnalogLabels);
        Assert.Equal(["PlayerPosition"], info.PointLabels);
        Assert.Empty(info.Events);
        Assert.Empty(info.Warnings);
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void Every_parameter_in_the_file_matches_the_reference_values(string stem)
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(TestFiles.ReaderReference(stem)));
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.Sample(stem)));

        var expectedNames = new List<string>();
        foreach (var group in reference.RootElement.GetProperty("parameter_groups").EnumerateArray())
        {
            if (group.GetProperty("group").GetString() == "FORCE_PLATFORM")
            {
                continue;
            }

            foreach (var expected in group.GetProperty("parameters").EnumerateArray())
            {
                var name = expected.GetProperty("name").GetString()!;
                if (ReferenceDefaults.Contains(name))
                {
                    Assert.Null(info.Parameters.Find(name));
                    continue;
                }

                expectedNames.Add(name);
                var actual = info.Parameters.Find(name);
                Assert.NotNull(actual);
                // The reference shows a scalar (no dimensions in the file) as [1].
                var dimensions = actual.Dimensions.Count == 0 ? [1] : actual.Dimensions.ToArray();
                Assert.Equal(expected.GetProperty("dimension").EnumerateArray().Select(d => d.GetInt32()), dimensions);
                var values = expected.GetProperty("value");
                switch (expected.GetProperty("type").GetString())
                {
                    case "CHAR":
                        Assert.Equal(C3dParameterType.Char, actual.Type);
                        Assert.Equal(values.EnumerateArray().Select(v => v.GetString()), actual.GetStrings());
                        break;
                    case "INT":
                        Assert.Equal(C3dParameterType.Int16, actual.Type);
                        Assert.Equal(values.EnumerateArray().Select(v => (short)v.GetInt32()), actual.GetInt16s());
                        break;
                    case "FLOAT":
                        Assert.Equal(C3dParameterType.Float, actual.Type);
                        Assert.Equal(values.EnumerateArray().Select(v => (float)v.GetDouble()), actual.GetFloats());
                        break;
                    default:
                        Assert.Fail("unexpected type in the reference");
                        break;
                }
            }
        }

        Assert.Equal(expectedNames.Order(StringComparer.Ordinal), info.Parameters.All.Select(p => p.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(["POINT", "ANALOG", "SUBJECTS", "INFO"], info.Parameters.Groups.Select(g => g.Name));
        Assert.Equal(" ---", info.Parameters.Find("info:game_level_name")!.GetString());
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void Analog_channels_match_the_reference_statistics(string stem)
    {
        using var reference = JsonDocument.Parse(File.ReadAllBytes(TestFiles.ReaderReference(stem)));
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(stem)));

        var expectedChannels = reference.RootElement.GetProperty("analog_channels").EnumerateArray().ToArray();
        Assert.Equal(expectedChannels.Length, recording.Analog.Count);
        for (var c = 0; c < expectedChannels.Length; c++)
        {
            var expected = expectedChannels[c];
            var samples = recording.Analog[c];
            var label = expected.GetProperty("label").GetString()!;
            Assert.Equal(label, recording.Info.AnalogLabels[c]);
            Assert.Equal(expected.GetProperty("n_samples").GetInt64(), samples.Length);
            Tolerance.Equal(expected.GetProperty("min").GetDouble(), samples.Min(), Relative, label + " min");
            Tolerance.Equal(expected.GetProperty("max").GetDouble(), samples.Max(), Relative, label + " max");
            Tolerance.Equal(expected.GetProperty("mean").GetDouble(), samples.Average(), Relative, label + " mean");
            Tolerance.Equal(expected.GetProperty("sum").GetDouble(), samples.Sum(), Relative, label + " sum");
            Tolerance.Equal(expected.GetProperty("sum_abs").GetDouble(), samples.Sum(Math.Abs), Relative, label + " sum_abs");
            var first5 = expected.GetProperty("first5").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(first5, samples[..5]);
            var last5 = expected.GetProperty("last5").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(last5, samples[^5..]);
            var every = expected.GetProperty("every_10000th").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(every, Enumerable.Range(0, every.Length).Select(i => samples[i * 10000]));
        }
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void The_player_position_is_a_modelled_point_valid_in_every_frame(string stem)
    {
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(stem)));

        var point = Assert.Single(recording.Points);
        Assert.Equal("PlayerPosition", point.Label);
        Assert.Equal(recording.Info.FrameCount, point.FrameCount);
        Assert.Equal(point.FrameCount, point.ValidFrameCount);
        Assert.All(point.Residual, r => Assert.Equal(0, r));
        Assert.All(point.CameraMask, m => Assert.Equal(0, m));
        Assert.Equal(1536 + (496 * recording.Info.FrameCount), recording.Info.FileLength);
    }

    [Fact]
    public void Info_time_is_a_4_by_5_char_array()
    {
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409)));

        var time = info.Parameters.Find("INFO:TIME")!;
        Assert.Equal([4, 5], time.Dimensions);
        Assert.Equal(["2023", "3", "21", "17", "23"], time.GetStrings());
        Assert.Equal("Ghostly", info.Parameters.Find("INFO:GAME_NAME")!.GetString());
    }

    [Theory]
    [MemberData(nameof(Stems))]
    public void Identify_from_a_stream_reads_the_same_as_from_bytes(string stem)
    {
        var bytes = File.ReadAllBytes(TestFiles.Sample(stem));
        using var stream = File.OpenRead(TestFiles.Sample(stem));

        var fromStream = C3dReader.Identify(stream);
        var fromBytes = C3dReader.Identify(bytes);

        Assert.Equal(fromBytes.FrameCount, fromStream.FrameCount);
        Assert.Equal(fromBytes.FileLength, fromStream.FileLength);
        Assert.Equal(fromBytes.Parameters.All.Select(p => p.FullName), fromStream.Parameters.All.Select(p => p.FullName));
        Assert.True(stream.Position < 4 * 512, "Identify reads only the header and parameter blocks");
    }
}
