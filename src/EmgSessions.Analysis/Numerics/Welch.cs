using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// P5: <c>scipy.signal.welch(x, fs, nperseg=256)</c>: periodic Hann window, step 128, nfft 256, constant
/// detrend per segment (numpy mean), one-sided density |X|²/(fs·Σw²) with bins 1…127 doubled, mean over
/// ⌊(N−256)/128⌋ + 1 segments (summed in segment order, then divided).
/// </summary>
internal static class Welch
{
    public const int SegmentLength = RealFft256.Size;
    public const int Step = SegmentLength / 2;
    public const int Bins = RealFft256.Bins;

    /// <summary>The periodic Hann window as scipy builds it: 0.5 + 0.5·cos(linspace(−π, π, 257)[n]).</summary>
    internal static readonly double[] Window = BuildWindow();

    internal static readonly double WindowPower = PairwiseSum.SumOfSquares(Window);

    /// <summary>Number of segments for a signal of <paramref name="length"/> samples (0 when shorter than 256).</summary>
    public static int SegmentCount(int length) => length < SegmentLength ? 0 : ((length - SegmentLength) / Step) + 1;

    /// <summary><c>rfftfreq(256, 1/fs)</c>: k · (1.0 / (256 · (1/fs))).</summary>
    public static void Frequencies(double samplingRate, Span<double> frequencies)
    {
        var spacing = 1.0 / (SegmentLength * (1 / samplingRate));
        for (var k = 0; k < Bins; k++)
        {
            frequencies[k] = k * spacing;
        }
    }

    /// <summary>Writes the 129-bin PSD of <paramref name="x"/> (N ≥ 256) into <paramref name="psd"/>.</summary>
    public static void Psd(ReadOnlySpan<double> x, double samplingRate, Span<double> psd) =>
        Psd(x, samplingRate, psd, new SpectralWorkspace());

    /// <summary>Writes the 129-bin PSD of <paramref name="x"/> (N ≥ 256) into <paramref name="psd"/>, using <paramref name="workspace"/>'s buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Psd(ReadOnlySpan<double> x, double samplingRate, Span<double> psd, SpectralWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var segments = SegmentCount(x.Length);
        if (segments == 0)
        {
            throw new ArgumentException("Welch needs at least 256 samples.", nameof(x));
        }

        if (psd.Length < Bins)
        {
            throw new ArgumentException("The PSD needs 129 bins.", nameof(psd));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            WelchLanes.Psds(x, [0], x.Length, samplingRate, psd, workspace);
            return;
        }

        PsdOneSegmentAtATime(x, segments, samplingRate, psd, workspace);
    }

    /// <summary>The same PSD one segment at a time (where Vector256 is not accelerated; tests compare the two paths).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PsdOneSegmentAtATime(ReadOnlySpan<double> x, int segments, double samplingRate, Span<double> psd, SpectralWorkspace workspace)
    {
        var scale = 1.0 / (samplingRate * WindowPower);
        var zr = workspace.Zr.AsSpan();
        var zi = workspace.Zi.AsSpan();
        var re = workspace.Re.AsSpan();
        var im = workspace.Im.AsSpan();
        var sum = psd[..Bins];
        sum.Clear();
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(Window);
        ref var rev0 = ref MemoryMarshal.GetArrayDataReference(RealFft256.BitReversed);
        ref var zr0 = ref MemoryMarshal.GetReference(zr);
        ref var zi0 = ref MemoryMarshal.GetReference(zi);
        ref var re0 = ref MemoryMarshal.GetReference(re);
        ref var im0 = ref MemoryMarshal.GetReference(im);
        ref var sum0 = ref MemoryMarshal.GetReference(sum);
        var scaleVector = Vector256.Create(scale);
        var two = Vector256.Create(2.0);
        for (var s = 0; s < segments; s++)
        {
            var segment = x.Slice(s * Step, SegmentLength);
            var mean = PairwiseSum.Sum(segment) / SegmentLength;
            ref var x0 = ref MemoryMarshal.GetReference(segment);

            // Detrend, window, and place the even/odd pairs in bit-reversed order for the complex FFT.
            for (nint j = 0; j < SegmentLength / 2; j++)
            {
                var r = Unsafe.Add(ref rev0, j);
                Unsafe.Add(ref zr0, r) = Unsafe.Add(ref w0, 2 * j) * (Unsafe.Add(ref x0, 2 * j) - mean);
                Unsafe.Add(ref zi0, r) = Unsafe.Add(ref w0, (2 * j) + 1) * (Unsafe.Add(ref x0, (2 * j) + 1) - mean);
            }

            RealFft256.Transform(zr, zi, re, im);

            // |X|²·scale, doubled for bins 1…127 (the same operations, in the same order, as scipy's).
            sum0 += ((re0 * re0) + (im0 * im0)) * scale;
            nuint k = 1;
            for (; k + 4 <= Bins - 1; k += 4)
            {
                var vr = Vector256.LoadUnsafe(ref re0, k);
                var vi = Vector256.LoadUnsafe(ref im0, k);
                var acc = Vector256.LoadUnsafe(ref sum0, k);
                (acc + ((((vr * vr) + (vi * vi)) * scaleVector) * two)).StoreUnsafe(ref sum0, k);
            }

            for (; k < Bins - 1; k++)
            {
                Unsafe.Add(ref sum0, k) += ((Unsafe.Add(ref re0, k) * Unsafe.Add(ref re0, k)) + (Unsafe.Add(ref im0, k) * Unsafe.Add(ref im0, k))) * scale * 2;
            }

            Unsafe.Add(ref sum0, Bins - 1) += ((Unsafe.Add(ref re0, Bins - 1) * Unsafe.Add(ref re0, Bins - 1)) + (Unsafe.Add(ref im0, Bins - 1) * Unsafe.Add(ref im0, Bins - 1))) * scale;
        }

        for (var k = 0; k < Bins; k++)
        {
            sum[k] /= segments;
        }
    }

    private static double[] BuildWindow()
    {
        // general_cosine(257, [0.5, 0.5]) truncated to 256: fac = linspace(-π, π, 257) = n·(2π/256) + (−π).
        var step = (Math.PI - -Math.PI) / SegmentLength;
        var window = new double[SegmentLength];
        for (var n = 0; n < SegmentLength; n++)
        {
            var fac = (n * step) + -Math.PI;
            window[n] = 0.5 + (0.5 * Math.Cos(fac));
        }

        return window;
    }
}
