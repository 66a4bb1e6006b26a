using System.Runtime.InteropServices;

namespace EmgSessions.Analysis.Numerics;

/// <summary>Reusable buffers for Welch and the spectral metrics; one per thread (not thread-safe).</summary>
internal sealed class SpectralWorkspace
{
    public double[] Zr { get; } = new double[RealFft256.Size / 2];

    public double[] Zi { get; } = new double[RealFft256.Size / 2];

    public double[] Re { get; } = new double[RealFft256.Bins];

    public double[] Im { get; } = new double[RealFft256.Bins];

    public double[] Psd { get; } = new double[RealFft256.Bins];

    public double[] Terms { get; } = new double[RealFft256.Bins];

    public double[] MoreTerms { get; } = new double[RealFft256.Bins];

    /// <summary>Four segments side by side (element-major, segment-minor) for <see cref="WelchLanes"/>.</summary>
    public double[] LaneZr { get; } = new double[RealFft256.Size / 2 * WelchLanes.Lanes];

    public double[] LaneZi { get; } = new double[RealFft256.Size / 2 * WelchLanes.Lanes];

    public double[] LanePower { get; } = new double[RealFft256.Bins * WelchLanes.Lanes];

    private readonly double[] _powersOf = new double[RealFft256.Bins];
    private readonly double[] _inverse = new double[RealFft256.Bins];
    private readonly double[] _fifthPower = new double[RealFft256.Bins];
    private int _powersLength = -1;

    /// <summary>
    /// 1/f and f⁵ of <paramref name="frequencies"/> (the FI terms), computed once per frequency axis instead of once per
    /// PSD: the temporal statistics evaluate them for every window (349 × 128 Math.Pow calls for the 0881 sample).
    /// The values are the same expressions, so the results are unchanged.
    /// </summary>
    public (double[] Inverse, double[] FifthPower) Powers(ReadOnlySpan<double> frequencies)
    {
        // Compared bit for bit (vectorised; stricter than ==, so at worst it recomputes).
        if (_powersLength != frequencies.Length
            || !MemoryMarshal.Cast<double, long>(frequencies).SequenceEqual(MemoryMarshal.Cast<double, long>(_powersOf.AsSpan(0, frequencies.Length))))
        {
            for (var k = 0; k < frequencies.Length; k++)
            {
                var f = frequencies[k];
                _inverse[k] = 1.0 / f;
                _fifthPower[k] = Math.Pow(f, 5);
            }

            frequencies.CopyTo(_powersOf);
            _powersLength = frequencies.Length;
        }

        return (_inverse, _fifthPower);
    }
}
