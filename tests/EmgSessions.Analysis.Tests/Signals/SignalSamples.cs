using EmgSessions.C3d;
using EmgSessions.Core.Recordings;
using EmgSessions.Testing;

namespace EmgSessions.Analysis.Tests.Signals;

/// <summary>Signals for the summary tests and the brute-force min/max they are checked against.</summary>
internal static class SignalSamples
{
    private static readonly Lazy<EmgRecording> Recording0881 = new(
        () => EmgRecordingFactory.FromC3d(C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881)))));

    /// <summary>The 175 s recording 0881 (990 Hz).</summary>
    public static EmgRecording Ghostly0881 => Recording0881.Value;

    /// <summary>Seeded uniform noise in ±1 mV, an awkward length so that every level ends with a partial bucket.</summary>
    public static double[] Noise(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * 2e-3).ToArray();
    }

    /// <summary>The float32 min and max of samples [start, end), one by one.</summary>
    public static (float Min, float Max) BruteForce(double[] samples, int start, int end)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        for (var i = start; i < end; i++)
        {
            min = Math.Min(min, (float)samples[i]);
            max = Math.Max(max, (float)samples[i]);
        }

        return (min, max);
    }
}
