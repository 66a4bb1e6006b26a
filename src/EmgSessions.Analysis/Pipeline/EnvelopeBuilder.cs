using System.Globalization;
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
    public static string? Validate(ReadOnlySpan<double> x, out double std)
    {
        std = double.NaN;
        if (x.Length < MinimumSamples)
        {
            return $"Signal too short: {x.Length} samples < {MinimumSamples} required";
        }

        std = Statistics.PopulationStd(x);
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

    /// <summary>Builds the envelope of <paramref name="x"/> into <paramref name="envelope"/>; <paramref name="scratch"/> needs N + 30 elements and must not overlap either.</summary>
    public static SignalProcessingReport Build(ReadOnlySpan<double> x, double samplingRate, Span<double> envelope, Span<double> scratch)
    {
        var nyquist = samplingRate / 2;
        var steps = new List<string>(4);
        double? highPass = null, lowPass = null;
        int? smoothing = null;
        if (HighPassHz / nyquist < 1)
        {
            ZeroPhaseFilter.Apply(Butterworth.HighPass(HighPassHz / nyquist), x, envelope, scratch);
            highPass = HighPassHz;
            steps.Add("High-pass filter: 20.0Hz, order 4");
        }
        else
        {
            x.CopyTo(envelope);
        }

        for (var i = 0; i < envelope.Length; i++)
        {
            envelope[i] = Math.Abs(envelope[i]);
        }

        steps.Add("Full-wave rectification");

        if (LowPassHz / nyquist < 1)
        {
            ZeroPhaseFilter.Apply(Butterworth.LowPass(LowPassHz / nyquist), envelope, envelope, scratch);
            lowPass = LowPassHz;
            steps.Add("Low-pass filter for envelope: 10.0Hz, order 4");
        }

        var window = SampleCount.FromMilliseconds(SmoothingMs, samplingRate);
        if (window > 0)
        {
            window = Math.Min(window, x.Length);
            MovingAverage.Same(envelope, window, envelope);
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
