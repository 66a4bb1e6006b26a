namespace EmgSessions.Analysis.Numerics;

/// <summary>P1: milliseconds to samples, <c>trunc((ms / 1000.0) · fs)</c> in that operation order.</summary>
internal static class SampleCount
{
    public static int FromMilliseconds(double milliseconds, double samplingRate)
    {
        var samples = Math.Truncate(milliseconds / 1000.0 * samplingRate);
        return samples >= int.MaxValue ? int.MaxValue : samples <= int.MinValue ? int.MinValue : (int)samples;
    }
}
