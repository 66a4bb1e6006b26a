using System.Text.Json;
using EmgSessions.Testing;

namespace EmgSessions.C3d.Tests;

/// <summary>The c3d.org files of ../shared/c3d-suite against their reference JSON, floats to 1e-6 relative.</summary>
public sealed class C3dSuiteTests
{
    private const double Relative = 1e-6;

    /// <summary>Names the reference reader adds for missing parameters (suite README, "parameter_names").</summary>
    private static readonly Dictionary<string, string[]> ReferenceDefaults = new(StringComparer.Ordinal)
    {
        ["sample_01_Eb015pi.c3d"] = ["ANALOG:BITS", "ANALOG:FORMAT", "FORCE_PLATFORM:CAL_MATRIX"],
        ["sample_01_Eb015pr.c3d"] = ["ANALOG:BITS", "ANALOG:FORMAT", "FORCE_PLATFORM:CAL_MATRIX"],
        ["sample_01_Eb015vr.c3d"] = ["ANALOG:BITS", "ANALOG:FORMAT", "FORCE_PLATFORM:CAL_MATRIX"],
        ["sample_07_16bitanalog.c3d"] = ["ANALOG:BITS", "ANALOG:FORMAT", "FORCE_PLATFORM:CAL_MATRIX"],
        ["sample_30_emgwl.c3d"] = ["ANALOG:FORMAT", "FORCE_PLATFORM:*"],
        ["sample_00_Cometa_Systems_EMG_Data_Cometa.c3d"] = ["FORCE_PLATFORM:*", "POINT:DESCRIPTIONS", "POINT:LABELS", "POINT:SCALE", "POINT:UNITS"],
        ["sample_13_golfswing1.c3d"] = ["ANALOG:BITS", "ANALOG:FORMAT", "FORCE_PLATFORM:*"],
    };

    public static TheoryData<string> SuiteFiles => new(TestFiles.SuiteFileNames());

    /// <summary>The reference JSON for a suite file, following <c>expected_same_as</c> for the hand-written MIPS entry.</summary>
    internal static JsonElement ReferenceFor(string fileName, out string referenceFile)
    {
        referenceFile = fileName;
        var json = JsonDocument.Parse(File.ReadAllBytes(TestFiles.SuiteFile(fileName + ".json"))).RootElement;
        if (json.TryGetProperty("expected_same_as", out var twin))
        {
            referenceFile = twin.GetString()!;
            json = JsonDocument.Parse(File.ReadAllBytes(TestFiles.SuiteFile(referenceFile + ".json"))).RootElement;
        }

        return json;
    }

    [Theory]
    [MemberData(nameof(SuiteFiles))]
    public void Counts_rates_and_labels_match_the_reference(string fileName)
    {
        var reference = ReferenceFor(fileName, out _);
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.SuiteFile(fileName)));

        Assert.Equal(reference.GetProperty("bytes").GetInt64(), info.FileLength);
        Assert.Equal(reference.GetProperty("point_count").GetInt32(), info.PointCount);
        Assert.Equal(reference.GetProperty("frame_count").GetInt64(), info.FrameCount);
        Assert.Equal(reference.GetProperty("first_frame").GetInt32(), info.FirstFrame);
        Assert.Equal(reference.GetProperty("last_frame").GetInt32(), info.LastFrame);
        Assert.Equal(reference.GetProperty("analog_count").GetInt32(), info.AnalogCount);
        Assert.Equal(reference.GetProperty("analog_samples").GetInt64(), info.AnalogSamplesPerChannel);
        Tolerance.Equal(reference.GetProperty("point_rate").GetDouble(), info.PointRate, Relative, "point rate");
        var analogRate = reference.GetProperty("analog_rate");
        Tolerance.Equal(analogRate.ValueKind == JsonValueKind.Null ? 0 : analogRate.GetDouble(), info.AnalogRate, Relative, "analog rate");
        Assert.Equal(reference.GetProperty("point_labels").EnumerateArray().Select(l => l.GetString()), info.PointLabels);
        Assert.Equal(reference.GetProperty("analog_labels").EnumerateArray().Select(l => l.GetString()), info.AnalogLabels);
    }

    [Theory]
    [MemberData(nameof(SuiteFiles))]
    public void Parameter_names_really_in_the_file_match_the_reference(string fileName)
    {
        var reference = ReferenceFor(fileName, out var referenceFile);
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.SuiteFile(fileName)));

        var defaults = ReferenceDefaults[referenceFile];
        bool IsDefault(string name) => defaults.Any(d => d.EndsWith(":*", StringComparison.Ordinal)
            ? name.StartsWith(d[..^1], StringComparison.Ordinal)
            : d == name);
        var expected = reference.GetProperty("parameter_names").EnumerateArray().Select(n => n.GetString()!).Where(n => !IsDefault(n));
        var actual = info.Parameters.All.Select(p => p.FullName).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
    }

    [Theory]
    [MemberData(nameof(SuiteFiles))]
    public void Analog_statistics_match_the_reference(string fileName)
    {
        var reference = ReferenceFor(fileName, out _);
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.SuiteFile(fileName)));

        var analogs = reference.GetProperty("analogs").EnumerateArray().ToArray();
        Assert.Equal(analogs.Length, recording.Analog.Count);
        for (var c = 0; c < analogs.Length; c++)
        {
            var samples = recording.Analog[c];
            var label = $"{fileName} {recording.Info.AnalogLabels[c]}";
            Tolerance.Equal(analogs[c].GetProperty("min").GetDouble(), samples.Min(), Relative, label + " min");
            Tolerance.Equal(analogs[c].GetProperty("max").GetDouble(), samples.Max(), Relative, label + " max");
            Tolerance.Equal(analogs[c].GetProperty("mean").GetDouble(), samples.Average(), Relative, label + " mean");
            Tolerance.Equal(analogs[c].GetProperty("sum_abs").GetDouble(), samples.Sum(Math.Abs), Relative, label + " sum_abs");
            var first3 = analogs[c].GetProperty("first3").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (var i = 0; i < first3.Length; i++)
            {
                Tolerance.Equal(first3[i], samples[i], Relative, label + $" sample {i}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SuiteFiles))]
    public void Point_validity_and_means_match_the_reference(string fileName)
    {
        if (fileName == "sample_07_16bitanalog.c3d")
        {
            return; // Covered by Sample07_points_stored_as_65535_are_invalid: the reference counts them valid on purpose.
        }

        var reference = ReferenceFor(fileName, out _);
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.SuiteFile(fileName)));

        var points = reference.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(points.Length, recording.Points.Count);
        for (var p = 0; p < points.Length; p++)
        {
            var point = recording.Points[p];
            var validFrames = points[p].GetProperty("valid_frames").GetInt32();
            Assert.Equal(validFrames, point.ValidFrameCount);
            if (validFrames == 0)
            {
                continue;
            }

            var mean = points[p].GetProperty("mean_xyz").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var valid = Enumerable.Range(0, point.FrameCount).Where(point.IsValid).ToArray();
            Tolerance.Equal(mean[0], valid.Average(f => point.X[f]), Relative, $"{point.Label} mean x");
            Tolerance.Equal(mean[1], valid.Average(f => point.Y[f]), Relative, $"{point.Label} mean y");
            Tolerance.Equal(mean[2], valid.Average(f => point.Z[f]), Relative, $"{point.Label} mean z");
        }
    }

    [Fact]
    public void Sample07_points_stored_as_65535_are_invalid()
    {
        // The 4th word is the float 65535.0: the 16-bit pattern of −1. Guide §5 wraps it to −1, so every
        // sample is invalid; the reference reader counts them all valid because it tests the float's sign.
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.SuiteFile("sample_07_16bitanalog.c3d")));

        Assert.Equal(27, recording.Points.Count);
        Assert.All(recording.Points, point =>
        {
            Assert.Equal(237, point.FrameCount);
            Assert.Equal(0, point.ValidFrameCount);
            Assert.All(point.X, x => Assert.True(double.IsNaN(x)));
            Assert.All(point.Residual, r => Assert.Equal(-1, r));
        });
    }

    [Fact]
    public void Sample07_unsigned_offsets_are_read_as_32768()
    {
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.SuiteFile("sample_07_16bitanalog.c3d")));

        var info = recording.Info;
        Assert.Equal(32768, info.AnalogOffsets[32]);
        Assert.Equal(32767, info.AnalogOffsets[0]);
        Assert.Contains(info.Warnings, w => w.Code == "AnalogOffsetUnsigned");
        var lfsw = recording.FindAnalog("LFSW")!;
        Assert.Equal(-43, lfsw.Min(), 6);
        Assert.Equal(6, lfsw.Max(), 6);
        Assert.Empty(info.Events);
    }

    [Fact]
    public void Eb015_int16_residuals_and_camera_masks_follow_the_manual()
    {
        var recording = C3dReader.Read(File.ReadAllBytes(TestFiles.SuiteFile("sample_01_Eb015pi.c3d")));

        var point = recording.Points[0];
        Assert.Equal(C3dStorage.Integer, recording.Info.Storage);
        Assert.Equal(16 * 0.0833333358168602, point.Residual[0], 12);
        Assert.Equal(0x3E, point.CameraMask[0]);
        Assert.Equal(248.58334074169397, point.X[0], 9);
        Assert.Equal(226, recording.Points.Sum(p => p.FrameCount - p.ValidFrameCount));
        Assert.Equal(19, recording.Points.Sum(p => Enumerable.Range(0, p.FrameCount).Count(f => p.Residual[f] == 0)));
    }

    [Fact]
    public void Eb015_header_events_are_read()
    {
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.SuiteFile("sample_01_Eb015pi.c3d")));

        Assert.Equal(["RIC", "RHS", "RTO"], info.Events.Select(e => e.Label));
        Assert.Equal([2.72f, 5.4f, 7.32f], info.Events.Select(e => (float)e.TimeSeconds));
        Assert.All(info.Events, e => Assert.Equal(C3dEventSource.Header, e.Source));
        Assert.True(info.Parameters.Find("POINT:USED")!.Locked);
    }

    [Fact]
    public void Emgwl_header_events_keep_their_times_and_lose_the_leading_space()
    {
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.SuiteFile("sample_30_emgwl.c3d")));

        Assert.Equal(["TE0", "TE1", "TE2"], info.Events.Select(e => e.Label));
        Assert.Equal([2.26f, 2.72f, 3.14f], info.Events.Select(e => (float)e.TimeSeconds));
        Assert.Equal(C3dParameterType.Byte, info.Parameters.Find("ANALOG:BITS")!.Type);
        Assert.Equal(12, info.Parameters.Find("ANALOG:BITS")!.GetNumber());
    }

    [Fact]
    public void Golfswing_is_read_despite_its_short_section_count_and_impossible_data_start()
    {
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.SuiteFile("sample_13_golfswing1.c3d")));

        Assert.Equal(10 * 512, info.DataStart);
        Assert.Equal(514, info.DeclaredFrameCount);
        Assert.Equal(513, info.FrameCount);
        Assert.Equal(-1.0, info.AnalogGeneralScale);
        Assert.NotNull(info.Parameters.FindGroup("FORCE_PLATFORMS"));
        Assert.Contains(info.Warnings, w => w.Code == "FrameCountClamped");
        Assert.Contains(info.Warnings, w => w.Code == "DataStartDisagrees");
    }

    [Fact]
    public void Cometa_without_point_scale_uses_the_header_scale()
    {
        var info = C3dReader.Identify(File.ReadAllBytes(TestFiles.SuiteFile("sample_00_Cometa_Systems_EMG_Data_Cometa.c3d")));

        Assert.Null(info.Parameters.Find("POINT:SCALE"));
        Assert.Equal(C3dStorage.Float, info.Storage);
        Assert.Equal(200, info.AnalogSamplesPerFrame);
        Assert.All(info.Parameters.All, p => Assert.True(p.Locked));
        Assert.DoesNotContain(info.Warnings, w => w.Code == "ExtraFramesIgnored");
    }
}
