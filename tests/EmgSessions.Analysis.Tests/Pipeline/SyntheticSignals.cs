namespace EmgSessions.Analysis.Tests.Pipeline;

/// <summary>The synthetic signals of emg-analysis.md §9.3.</summary>
internal static class SyntheticSignals
{
    /// <summary>T10: fs 1000, N 15000, bursts of 80 + 123 Hz on an offset with a 0.5 Hz drift.</summary>
    public static double[] T10()
    {
        (int Start, int End)[] bursts = [(2000, 4500), (6000, 6150), (6300, 8800), (11000, 11080), (12500, 12700)];
        var x = new double[15000];
        for (var n = 0; n < x.Length; n++)
        {
            var env = bursts.Any(b => n >= b.Start && n < b.End) ? 1.0 : 0.05;
            var t = n / 1000.0;
            x[n] = 1e-3 * ((env * (Math.Sin(2 * Math.PI * 80 * t) + (0.5 * Math.Sin((2 * Math.PI * 123 * t) + 1.0)))) + 0.2 + (0.1 * Math.Sin(2 * Math.PI * 0.5 * t)));
        }

        return x;
    }

    public static EmgRecording Recording(double[] signal, double fs = 1000, string label = "CH1") =>
        new([label], [signal], fs);
}
