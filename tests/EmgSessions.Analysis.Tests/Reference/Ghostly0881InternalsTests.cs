using EmgSessions.C3d;
using EmgSessions.Testing;

namespace EmgSessions.Analysis.Tests.Reference;

/// <summary>T11 (§9.5): internal values of 0881 that the reference file does not show.</summary>
public sealed class Ghostly0881InternalsTests
{
    private const double Tolerance = 1e-9;
    private static readonly C3dRecording Recording = C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881)));

    [Theory]
    [InlineData(0, 0.000761132891949062, 21810, -3.08557186994566e-05, 1179, 1.72302035635253e-06, 3.01683162130802e-06, 1.1120010531188e-06)]
    [InlineData(1, 0.000362842793234701, 4936, -3.09164859667982e-06, 61, 1.0478850987284e-06, 4.42606462461464e-06, 1.26664069519369e-06)]
    public void Reproduces_the_envelope_of_each_channel(int channel, double max, int maxIndex, double min, int negatives, double e0, double e1000, double eLast)
    {
        var envelope = EmgDisplaySignals.Envelope(Recording.Analog[channel], 990)!;

        Numbers.AssertClose(max, envelope.Max(), Tolerance);
        Assert.Equal(maxIndex, Array.IndexOf(envelope, envelope.Max()));
        Numbers.AssertClose(min, envelope.Min(), Tolerance);
        Assert.Equal(negatives, envelope.Count(v => v < 0));
        Numbers.AssertClose(e0, envelope[0], Tolerance);
        Numbers.AssertClose(e1000, envelope[1000], Tolerance);
        Numbers.AssertClose(eLast, envelope[173369], Tolerance);
    }

    [Fact]
    public void Reproduces_the_display_rms_envelope_and_the_first_raw_samples_of_CH1()
    {
        var raw = Recording.Analog[0];
        var rms = EmgDisplaySignals.RmsEnvelope(raw, 990);

        Numbers.AssertClose([-3.44090949511155e-05, -3.0380711905309e-05, -2.41702909988817e-05], raw[..3], 1e-13);
        Numbers.AssertClose(1.15758374130042e-05, rms[0], Tolerance);
        Numbers.AssertClose(1.74712518307328e-05, rms[1000], Tolerance);
        Numbers.AssertClose(1.24864954191383e-05, rms[173369], Tolerance);
    }
}
