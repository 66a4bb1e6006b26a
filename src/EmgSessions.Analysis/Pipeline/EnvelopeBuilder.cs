using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Pipeline;

/// <summary>
/// §5: high-pass 20 Hz (order 4, zero-phase), full-wave rectification, low-pass 10 Hz (order 4, zero-phase),
/// moving average over trunc(0.05·fs) samples. Steps that make no sense at this fs are skipped. The result is
/// not rectified again (K2).
/// </summary>
internal static class EnvelopeBuilder
{
    public const double HighPassHz = 20.0;
    public const double LowPassHz = 10.0;
    public const double SmoothingMs = 50.0;
    public const int MinimumSamples = 1000;
    public const double MinimumStd = 1e-10;

    /// <summary>The quality gate in the spec's order; null when the signal may be processed.</summary>
    public static string? Validate(ReadOnlySpan<double> x, out double std) => Validate(x, out _, out std);

    /// <summary>As <see cref="Validate(ReadOnlySpan{double}, out double)"/>, also giving the mean it computed (NaN when too short).</summary>
    public static string? Validate(ReadOnlySpan<double> x, out double mean, out double std)
    {
        std = double.NaN;
        mean = double.NaN;
        if (x.Length < MinimumSamples)
        {
            return $"Signal too short: {x.Length} samples < {MinimumSamples} required";
        }

        mean = Statistics.Mean(x);
        std = Statistics.PopulationStd(x, mean);
        if (std < MinimumStd)
        {
            return $"Signal lacks variation: std={FormatExponent(std)} < 1.00e-10";
        }

        foreach (var v in x)
        {
            if (!double.IsFinite(v))
            {
                return "Signal contains NaN or infinite values";
            }
        }

        return null;
    }

    /// <summary>Builds the envelope of <paramref name="x"/> into <paramref name="envelope"/> (same length; must not overlap x).</summary>
    public static SignalProcessingReport Build(ReadOnlySpan<double> x, double samplingRate, Span<double> envelope) =>
        Build(x, default, samplingRate, envelope, default, pair: false);

    /// <summary>
    /// The envelopes of two signals of the same length at once: both zero-phase filters run the two signals in the
    /// lanes of one SIMD register (<see cref="ZeroPhaseFilter.ApplyPair"/>). Each envelope has the bits
    /// <see cref="Build(ReadOnlySpan{double}, double, Span{double})"/> gives it alone.
    /// </summary>
    public static SignalProcessingReport BuildPair(ReadOnlySpan<double> xa, ReadOnlySpan<double> xb, double samplingRate, Span<double> envelopeA, Span<double> envelopeB)
    {
        if (xa.Length != xb.Length)
        {
            throw new ArgumentException("A pair of signals needs one length.", nameof(xb));
        }

        return Build(xa, xb, samplingRate, envelopeA, envelopeB, pair: true);
    }

    private static SignalProcessingReport Build(
        ReadOnlySpan<double> xa, ReadOnlySpan<double> xb, double samplingRate, Span<double> envelopeA, Span<double> envelopeB, bool pair)
    {
        var nyquist = samplingRate / 2;
        var steps = new List<string>(4);
        double? highPass = null, lowPass = null;
        int? smoothing = null;
        if (HighPassHz / nyquist < 1)
        {
            var filter = Butterworth.HighPass(HighPassHz / nyquist);
            if (pair)
            {
                ZeroPhaseFilter.ApplyPair(filter, xa, xb, envelopeA, envelopeB);
            }
            else
            {
                ZeroPhaseFilter.Apply(filter, xa, envelopeA);
            }

            highPass = HighPassHz;
            steps.Add("High-pass filter: 20.0Hz, order 4");
        }
        else
        {
            xa.CopyTo(envelopeA);
            xb.CopyTo(envelopeB);
        }

        Rectify(envelopeA);
        Rectify(envelopeB);
        steps.Add("Full-wave rectification");

        if (LowPassHz / nyquist < 1)
        {
            var filter = Butterworth.LowPass(LowPassHz / nyquist);
            if (pair)
            {
                ZeroPhaseFilter.ApplyPair(filter, envelopeA, envelopeB, envelopeA, envelopeB);
            }
            else
            {
                ZeroPhaseFilter.Apply(filter, envelopeA, envelopeA);
            }

            lowPass = LowPassHz;
            steps.Add("Low-pass filter for envelope: 10.0Hz, order 4");
        }

        var window = SampleCount.FromMilliseconds(SmoothingMs, samplingRate);
        if (window > 0)
        {
            window = Math.Min(window, xa.Length);
            MovingAverage.Same(envelopeA, window, envelopeA);
            if (pair)
            {
                MovingAverage.Same(envelopeB, window, envelopeB);
            }

            smoothing = window;
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"Moving average smoothing: 50.0ms window ({window} samples)"));
        }

        return new SignalProcessingReport(
            "RAW",
            steps,
            highPass,
            Rectified: true,
            lowPass,
            FilterOrder: Butterworth.Order,
            smoothing.HasValue ? SmoothingMs : null,
            smoothing,
            Valid: true,
            "Signal quality acceptable",
            null,
            null);
    }

    private static void Rectify(Span<double> x)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(x);
            for (; i + Vector256<double>.Count <= x.Length; i += Vector256<double>.Count)
            {
                Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)i)).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            x[i] = Math.Abs(x[i]);
        }
    }

    /// <summary>Python's <c>f"{v:.2e}"</c>.</summary>
    internal static string FormatExponent(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        var text = value.ToString("0.00e+00", CultureInfo.InvariantCulture);
        return text;
    }
}
