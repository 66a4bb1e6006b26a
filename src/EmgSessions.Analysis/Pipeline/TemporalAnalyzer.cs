using System.Runtime.Intrinsics;
using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Pipeline;

/// <summary>
/// Temporal statistics (§6): windows of W = trunc(fs) samples every S = max(1, trunc(W·0.5)) while start ≤ N − W;
/// per window rms, mav, mpf, mdf, fi; per metric over the non-null values: mean, std (÷(n−1)), min, max, cv.
/// </summary>
internal static class TemporalAnalyzer
{
    public const double WindowMs = 1000;
    public const double OverlapPercentage = 50;

    /// <summary>Windows whose PSDs are computed together (32 × 129 doubles = 33 KB).</summary>
    private const int WindowsPerChunk = 32;

    internal sealed record Result(
        TemporalStatistics Rms,
        TemporalStatistics Mav,
        TemporalStatistics FatigueIndex,
        TemporalStatistics Mpf,
        TemporalStatistics Mdf);

    public static int WindowCount(int length, double samplingRate)
    {
        var (window, step) = Geometry(samplingRate);
        return window <= 1 || length < window ? 0 : ((length - window) / step) + 1;
    }

    public static Result Compute(ReadOnlySpan<double> x, double samplingRate, ReadOnlySpan<double> frequencies)
    {
        var (window, step) = Geometry(samplingRate);
        var count = WindowCount(x.Length, samplingRate);
        var rms = new double[count];
        var mav = new double[count];
        var mpf = new double[count];
        var mdf = new double[count];
        var fi = new double[count];
        int nMpf = 0, nMdf = 0, nFi = 0;
        var workspace = new SpectralWorkspace();

        // rms and mav of every window, and the windows that pass the spectral gate (in window order).
        var spectralStarts = new int[count];
        var spectralCount = 0;
        for (var w = 0; w < count; w++)
        {
            // rms, mav and the gate's mean from one pass (the bits of Statistics.Rms, MeanAbsolute and Mean).
            var segment = x.Slice(w * step, window);
            var (sum, squares, absolutes) = PairwiseSum.Sums(segment);
            rms[w] = Math.Sqrt(squares / window);
            mav[w] = absolutes / window;
            if (SpectralMetrics.PassesGate(segment, sum / window))
            {
                spectralStarts[spectralCount++] = w * step;
            }
        }

        // Their PSDs, four Welch segments at a time where SIMD allows (the same bits as one window at a time), in
        // chunks of windows so that the PSD buffer stays small (off the large-object heap).
        var psds = new double[Math.Min(spectralCount, WindowsPerChunk) * Welch.Bins];
        for (var first = 0; first < spectralCount; first += WindowsPerChunk)
        {
            var chunk = Math.Min(WindowsPerChunk, spectralCount - first);
            var starts = spectralStarts.AsSpan(first, chunk);
            if (Vector256.IsHardwareAccelerated)
            {
                WelchLanes.Psds(x, starts, window, samplingRate, psds, workspace);
            }
            else
            {
                for (var g = 0; g < chunk; g++)
                {
                    Welch.Psd(x.Slice(starts[g], window), samplingRate, psds.AsSpan(g * Welch.Bins, Welch.Bins), workspace);
                }
            }

            for (var g = 0; g < chunk; g++)
            {
                var spectral = SpectralMetrics.FromPsd(psds.AsSpan(g * Welch.Bins, Welch.Bins), frequencies, workspace);
                if (spectral.MeanFrequency is { } f)
                {
                    mpf[nMpf++] = f;
                }

                if (spectral.MedianFrequency is { } m)
                {
                    mdf[nMdf++] = m;
                }

                if (spectral.FatigueIndex is { } i)
                {
                    fi[nFi++] = i;
                }
            }
        }

        return new Result(
            Summarise(rms),
            Summarise(mav),
            Summarise(fi.AsSpan(0, nFi)),
            Summarise(mpf.AsSpan(0, nMpf)),
            Summarise(mdf.AsSpan(0, nMdf)));
    }

    /// <summary>Statistics of the non-null values; fewer than 3 gives nulls with valid_windows = n.</summary>
    public static TemporalStatistics Summarise(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 3)
        {
            return new TemporalStatistics(null, null, null, null, n, null);
        }

        var mean = Statistics.Mean(values);
        var std = Statistics.SampleStd(values);
        double min = values[0], max = values[0];
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return new TemporalStatistics(mean, std, min, max, n, mean != 0 ? std / mean : null);
    }

    private static (int Window, int Step) Geometry(double samplingRate)
    {
        var window = SampleCount.FromMilliseconds(WindowMs, samplingRate);
        var step = Math.Max(1, (int)Math.Truncate(window * (1 - (OverlapPercentage / 100.0))));
        return (window, step);
    }
}
