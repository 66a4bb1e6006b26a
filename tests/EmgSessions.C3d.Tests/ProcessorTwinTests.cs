using EmgSessions.Testing;

namespace EmgSessions.C3d.Tests;

/// <summary>The Eb015 variants hold one recording: once decoded, big-endian and DEC files equal their Intel twins bit for bit.</summary>
public sealed class ProcessorTwinTests
{
    [Theory]
    [InlineData("sample_01_Eb015si.c3d", "sample_01_Eb015pi.c3d", C3dProcessor.Mips)]
    [InlineData("sample_01_Eb015vr.c3d", "sample_01_Eb015pr.c3d", C3dProcessor.Dec)]
    public void Reads_big_endian_and_dec_files_like_their_intel_twin(string twin, string intel, C3dProcessor processor)
    {
        var a = C3dReader.Read(File.ReadAllBytes(TestFiles.SuiteFile(twin)));
        var b = C3dReader.Read(File.ReadAllBytes(TestFiles.SuiteFile(intel)));

        Assert.Equal(processor, a.Info.Processor);
        Assert.Equal(C3dProcessor.Intel, b.Info.Processor);
        Assert.Equal(b.Info.Storage, a.Info.Storage);
        Assert.Equal(b.Info.FrameCount, a.Info.FrameCount);
        Assert.Equal(b.Info.PointScale, a.Info.PointScale);
        Assert.Equal(b.Info.PointRate, a.Info.PointRate);
        Assert.Equal(b.Info.Events, a.Info.Events);
        Assert.Equal(b.Info.Warnings.Select(w => w.Code), a.Info.Warnings.Select(w => w.Code));
        AssertSameParameters(b.Info.Parameters, a.Info.Parameters);
        for (var c = 0; c < b.Analog.Count; c++)
        {
            Assert.Equal(b.Analog[c], a.Analog[c]);
        }

        for (var p = 0; p < b.Points.Count; p++)
        {
            Assert.Equal(b.Points[p].X, a.Points[p].X);
            Assert.Equal(b.Points[p].Y, a.Points[p].Y);
            Assert.Equal(b.Points[p].Z, a.Points[p].Z);
            Assert.Equal(b.Points[p].Residual, a.Points[p].Residual);
            Assert.Equal(b.Points[p].CameraMask, a.Points[p].CameraMask);
        }
    }

    internal static void AssertSameParameters(C3dParameters expected, C3dParameters actual)
    {
        Assert.Equal(expected.Groups.Select(g => (g.Name, g.Description, g.Locked)), actual.Groups.Select(g => (g.Name, g.Description, g.Locked)));
        Assert.Equal(expected.All.Count, actual.All.Count);
        for (var i = 0; i < expected.All.Count; i++)
        {
            var e = expected.All[i];
            var a = actual.All[i];
            Assert.Equal(e.FullName, a.FullName);
            Assert.Equal(e.Type, a.Type);
            Assert.Equal(e.Dimensions, a.Dimensions);
            Assert.Equal(e.Description, a.Description);
            Assert.Equal(e.Locked, a.Locked);
            Assert.True(e.IntelData.SequenceEqual(a.IntelData), $"{e.FullName} values differ");
        }
    }
}
