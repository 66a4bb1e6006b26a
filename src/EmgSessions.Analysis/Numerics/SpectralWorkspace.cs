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
}
