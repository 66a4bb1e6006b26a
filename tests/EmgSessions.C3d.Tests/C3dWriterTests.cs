using EmgSessions.Testing;

namespace EmgSessions.C3d.Tests;

public sealed class C3dWriterTests
{
    /// <summary>Parameters the writer owns: their values describe the new file's layout.</summary>
    private static readonly HashSet<string> LayoutParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "POINT:USED", "POINT:SCALE", "POINT:RATE", "POINT:DATA_START", "POINT:FRAMES", "POINT:LONG_FRAMES", "ANALOG:USED", "ANALOG:RATE",
    };

    /// <summary>Every shared C3D file: the c3d.org suite and the GHOSTLY samples.</summary>
    internal static IReadOnlyList<string> AllPaths =>
        [.. TestFiles.SuiteFileNames().Select(TestFiles.SuiteFile), .. TestFiles.GhostlyStems.Select(TestFiles.Sample)];

    public static TheoryData<string> AllFiles => new(AllPaths);

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Read_write_read_gives_identical_values(string path)
    {
        var original = C3dReader.Read(File.ReadAllBytes(path));

        var rewritten = C3dReader.Read(C3dWriter.FromRecording(original).ToArray());

        var a = original.Info;
        var b = rewritten.Info;
        Assert.Equal(C3dProcessor.Intel, b.Processor);
        Assert.Equal(a.Storage, b.Storage);
        Assert.Equal(a.FrameCount, b.FrameCount);
        Assert.Equal(a.FirstFrame, b.FirstFrame);
        Assert.Equal(a.LastFrame, b.LastFrame);
        Assert.Equal((float)a.PointRate, (float)b.PointRate);
        Assert.Equal((float)a.AnalogRate, (float)b.AnalogRate);
        Assert.Equal(a.PointLabels, b.PointLabels);
        Assert.Equal(a.AnalogLabels, b.AnalogLabels);
        Assert.Equal(a.AnalogOffsets, b.AnalogOffsets);
        Assert.Equal(a.AnalogScales, b.AnalogScales);
        Assert.Equal(a.Events, b.Events);
        Assert.DoesNotContain(b.Warnings, w => w.Code is "ParameterChainRepaired" or "ParameterChainBroken" or "FrameCountClamped");
        for (var c = 0; c < a.AnalogCount; c++)
        {
            Assert.Equal(original.Analog[c], rewritten.Analog[c]);
        }

        for (var p = 0; p < a.PointCount; p++)
        {
            Assert.Equal(original.Points[p].X, rewritten.Points[p].X);
            Assert.Equal(original.Points[p].Y, rewritten.Points[p].Y);
            Assert.Equal(original.Points[p].Z, rewritten.Points[p].Z);
            Assert.Equal(original.Points[p].Residual, rewritten.Points[p].Residual);
            Assert.Equal(original.Points[p].CameraMask, rewritten.Points[p].CameraMask);
        }

        // Every parameter survives with its type, shape, value, description and lock; only the layout ones are rewritten.
        Assert.Equal(a.Parameters.Groups.Where(g => g.Name.Length > 0).Select(g => (g.Name, g.Description, g.Locked)),
            b.Parameters.Groups.Where(g => g.Name != "TRIAL" || a.Parameters.FindGroup("TRIAL") is not null).Select(g => (g.Name, g.Description, g.Locked)));
        foreach (var expected in a.Parameters.All.Where(p => p.Group.Length > 0 && !LayoutParameters.Contains(p.FullName)))
        {
            var actual = b.Parameters.Find(expected.FullName);
            Assert.NotNull(actual);
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.Dimensions, actual.Dimensions);
            Assert.Equal(expected.Description, actual.Description);
            Assert.Equal(expected.Locked, actual.Locked);
            Assert.True(expected.IntelData.SequenceEqual(actual.IntelData), expected.FullName);
        }
    }

    [Fact]
    public void Writes_more_than_65535_frames_with_long_frames_and_trial_fields()
    {
        const int frames = 70_001;
        var x = Enumerable.Range(0, frames).Select(i => i * 0.5).ToArray();
        var y = Enumerable.Range(0, frames).Select(i => -i * 0.25).ToArray();
        var z = new double[frames];
        var analog = Enumerable.Range(0, frames * 2).Select(i => (double)(float)Math.Sin(i * 0.01)).ToArray();
        var writer = new C3dWriter(100, 2).AddPoint("P1", x, y, z).AddAnalog("A1", analog);

        var bytes = writer.ToArray();
        var recording = C3dReader.Read(bytes);

        var info = recording.Info;
        Assert.Equal(frames, info.FrameCount);
        Assert.Equal(frames, info.DeclaredFrameCount);
        Assert.Equal(0, info.FirstFrame);
        Assert.Equal(frames - 1, info.LastFrame);
        Assert.Empty(info.Warnings);
        var framesParameter = info.Parameters.Find("POINT:FRAMES")!;
        Assert.Equal(C3dParameterType.Int16, framesParameter.Type);
        Assert.Equal(65535, framesParameter.GetUnsignedNumber());
        Assert.Equal(frames, info.Parameters.Find("POINT:LONG_FRAMES")!.GetNumber());
        Assert.Equal(C3dParameterType.Int16, info.Parameters.Find("TRIAL:ACTUAL_END_FIELD")!.Type);
        Assert.Equal([frames & 0xFFFF, frames >> 16], info.Parameters.Find("TRIAL:ACTUAL_END_FIELD")!.GetNumbers().Select(v => (int)(ushort)(short)v));
        Assert.Equal([1, 0], info.Parameters.Find("TRIAL:ACTUAL_START_FIELD")!.GetNumbers());
        Assert.Equal(analog, recording.Analog[0]);
        Assert.Equal(x.Select(v => (double)(float)v), recording.Points[0].X);
        Assert.Equal(frames, recording.Points[0].ValidFrameCount);
        Assert.Equal(0, bytes.Length % 512);
    }

    [Fact]
    public void The_trial_fields_alone_give_the_long_frame_count()
    {
        // TRIAL words combine as low + high · 65536 (not · 65535): 2 + 1 · 65536 − 1 + 1 = 65538 frames.
        var recording = C3dReader.Read(new C3dWriter(10)
            .SetFrameCount(65538)
            .AddAnalog("A", new double[65538])
            .ToArray());
        Assert.Equal(65538, recording.Info.FrameCount);

        var writer = new C3dWriter(10).AddAnalog("A", new double[65538]);
        writer.SetParameter(C3dParameter.FromInt16s("TRIAL", "ACTUAL_START_FIELD", [1, 0]));
        var withoutLongFrames = Strip(writer.ToArray(), "LONG_FRAMES");
        Assert.Equal(65538, C3dReader.Identify(withoutLongFrames).FrameCount);
    }

    [Fact]
    public void Every_parameter_type_and_shape_round_trips()
    {
        var writer = new C3dWriter(50).SetFrameCount(3);
        writer.SetGroup("TEST", "Parameters of every type", locked: true);
        writer.SetParameter(C3dParameter.FromString("TEST", "ONE_STRING", "  leading kept", "a description"))
            .SetParameter(C3dParameter.FromStrings("TEST", "STRINGS", ["a", "bcd", "é"]))
            .SetParameter(C3dParameter.FromStrings("TEST", "NO_STRINGS", []))
            .SetParameter(C3dParameter.FromInt16s("TEST", "INTS", [-32768, -1, 0, 1, 32767, 12], [2, 3], locked: true))
            .SetParameter(C3dParameter.FromInt16s("TEST", "SCALAR", [42], []))
            .SetParameter(C3dParameter.FromFloats("TEST", "FLOATS", [1.5f, -0.0833333358f, float.MaxValue, 1e-30f]))
            .SetParameter(C3dParameter.FromFloats("TEST", "EMPTY", [], [0]))
            .SetParameter(C3dParameter.FromBytes("TEST", "BYTES", [0, 12, 255]))
            .SetParameter(C3dParameter.FromBytes("TEST", "CUBE", Enumerable.Range(0, 24).Select(i => (byte)i).ToArray(), [2, 3, 4]));

        var info = C3dReader.Identify(writer.ToArray());

        var group = info.Parameters.FindGroup("TEST")!;
        Assert.Equal("Parameters of every type", group.Description);
        Assert.True(group.Locked);
        Assert.Equal("  leading kept", info.Parameters.Find("TEST:ONE_STRING")!.GetString());
        Assert.Equal("a description", info.Parameters.Find("TEST:ONE_STRING")!.Description);
        Assert.Equal(["a", "bcd", "é"], info.Parameters.Find("TEST:STRINGS")!.GetStrings());
        Assert.Empty(info.Parameters.Find("TEST:NO_STRINGS")!.GetStrings());
        var ints = info.Parameters.Find("TEST:INTS")!;
        Assert.Equal([2, 3], ints.Dimensions);
        Assert.True(ints.Locked);
        Assert.Equal([-32768, -1, 0, 1, 32767, 12], ints.GetInt16s());
        Assert.Equal(65535, ints.GetUnsignedNumber(1));
        Assert.Empty(info.Parameters.Find("TEST:SCALAR")!.Dimensions);
        Assert.Equal(42, info.Parameters.Find("test:scalar")!.GetNumber());
        Assert.Equal([1.5f, -0.0833333358f, float.MaxValue, 1e-30f], info.Parameters.Find("TEST:FLOATS")!.GetFloats());
        Assert.Empty(info.Parameters.Find("TEST:EMPTY")!.GetNumbers());
        Assert.Null(info.Parameters.Find("TEST:EMPTY")!.GetNumber());
        Assert.Equal([0, 12, 255], info.Parameters.Find("TEST:BYTES")!.GetNumbers());
        Assert.Equal(24, info.Parameters.Find("TEST:CUBE")!.ElementCount);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (byte)i), info.Parameters.Find("TEST:CUBE")!.GetBytes());
        Assert.Equal(3, info.FrameCount);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void More_than_255_channels_continue_in_labels2()
    {
        var writer = new C3dWriter(10, 1);
        for (var c = 0; c < 300; c++)
        {
            writer.AddAnalog($"EMG{c + 1}", [c, -c], units: "uV", scale: 0.5, offset: c % 7);
        }

        var recording = C3dReader.Read(writer.ToArray());

        Assert.Equal(300, recording.Info.AnalogCount);
        Assert.Equal(255, recording.Info.Parameters.Find("ANALOG:LABELS")!.GetStrings().Count);
        Assert.Equal(45, recording.Info.Parameters.Find("ANALOG:LABELS2")!.GetStrings().Count);
        Assert.Equal("EMG300", recording.Info.AnalogLabels[299]);
        Assert.Equal("uV", recording.Info.AnalogUnits[299]);
        Assert.Equal(299 % 7, recording.Info.AnalogOffsets[299]);
        Assert.Equal([299.0, -299.0], recording.Analog[299]);
        Assert.Empty(recording.Info.Warnings);
    }

    [Fact]
    public void Integer_storage_keeps_residuals_camera_masks_and_invalid_frames()
    {
        var writer = new C3dWriter(100) { Storage = C3dStorage.Integer, PointScale = 0.1 };
        writer.AddPoint("P", [1.0, 2.0, 3.0], [10.0, 20.0, 30.0], [-5.0, 0.0, 5.0], residuals: [0.5, -1, 0.0], cameraMasks: [0x3E, 0, 1]);
        writer.AddAnalog("A", [0.25, -0.5, 1.0], scale: 0.25);
        writer.AddEvent("HS", 0.02);

        var recording = C3dReader.Read(writer.ToArray());

        Assert.Equal(C3dStorage.Integer, recording.Info.Storage);
        var point = recording.Points[0];
        Assert.Equal(1.0, point.X[0], 5);
        Assert.Equal(-5.0, point.Z[0], 5);
        Assert.Equal(0.5, point.Residual[0], 5);
        Assert.Equal(0x3E, point.CameraMask[0]);
        Assert.False(point.IsValid(1));
        Assert.True(double.IsNaN(point.X[1]));
        Assert.Equal(0, point.Residual[2]);
        Assert.Equal([0.25, -0.5, 1.0], recording.Analog[0]);
        Assert.Equal(("HS", 0.02f), (recording.Info.Events[0].Label, (float)recording.Info.Events[0].TimeSeconds));
    }

    [Fact]
    public void New_files_carry_the_minimum_parameter_set()
    {
        var info = C3dReader.Identify(new C3dWriter(33, 30).AddAnalog("CH1", new double[60]).ToArray());

        foreach (var name in new[]
        {
            "POINT:USED", "POINT:LABELS", "POINT:DESCRIPTIONS", "POINT:UNITS", "POINT:SCALE", "POINT:RATE", "POINT:DATA_START", "POINT:FRAMES",
            "ANALOG:USED", "ANALOG:LABELS", "ANALOG:DESCRIPTIONS", "ANALOG:UNITS", "ANALOG:SCALE", "ANALOG:OFFSET", "ANALOG:GEN_SCALE",
            "ANALOG:RATE", "ANALOG:FORMAT", "ANALOG:BITS", "FORCE_PLATFORM:USED",
        })
        {
            Assert.NotNull(info.Parameters.Find(name));
        }

        Assert.Equal(-1, info.Parameters.Find("POINT:SCALE")!.GetNumber());
        Assert.True(info.Parameters.Find("POINT:RATE")!.Locked);
        Assert.Equal(990, info.AnalogRate);
        Assert.Equal(2, info.FrameCount);
    }

    [Fact]
    public void Mismatched_shapes_are_refused()
    {
        var writer = new C3dWriter(10, 2).AddPoint("P", [1, 2], [1, 2], [1, 2]).AddAnalog("A", [1, 2, 3]);
        Assert.Throws<InvalidOperationException>(writer.ToArray);
        Assert.Throws<ArgumentOutOfRangeException>(() => new C3dWriter(0));
        Assert.Throws<ArgumentException>(() => C3dParameter.FromString("BAD GROUP", "X", "y"));
    }

    /// <summary>Renames a parameter in place (same length) so the reader no longer finds it.</summary>
    private static byte[] Strip(byte[] file, string name)
    {
        var needle = System.Text.Encoding.ASCII.GetBytes(name);
        var at = file.AsSpan().IndexOf(needle);
        Assert.True(at > 0);
        file[at] = (byte)'X';
        return file;
    }
}
