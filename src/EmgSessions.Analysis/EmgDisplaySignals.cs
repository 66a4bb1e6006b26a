using EmgSessions.Analysis.Numerics;
using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis;

/// <summary>
/// The display signals of §5 (for <c>/upload</c>'s <c>emg_signals</c>; no metric uses them): the envelope
/// (<c>processed_data</c>) and <c>rms_envelope</c> = sqrt(box_same(x², M)), M = trunc(0.05·fs) clamped to N.
/// </summary>
public static class EmgDisplaySignals
{
    /// <summary>The moving RMS of <paramref name="signal"/>; empty when M ≤ 0 or the signal is empty.</summary>
    public static double[] RmsEnvelope(ReadOnlySpan<double> signal, double samplingRate)
    {
        var window = Math.Min(SampleCount.FromMilliseconds(EnvelopeBuilder.SmoothingMs, samplingRate), signal.Length);
        if (window <= 0)
        {
            return [];
        }

        var squares = new double[signal.Length];
        for (var i = 0; i < squares.Length; i++)
        {
            squares[i] = signal[i] * signal[i];
        }

        var result = new double[signal.Length];
        MovingAverage.Same(squares, window, result);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Sqrt(result[i]);
        }

        return result;
    }

    /// <summary>The envelope of §5 (what the contraction detection reads), or null when the signal fails validation.</summary>
    public static double[]? Envelope(ReadOnlySpan<double> signal, double samplingRate)
    {
        if (EnvelopeBuilder.Validate(signal, out _) is not null)
        {
            return null;
        }

        var envelope = new double[signal.Length];
        EnvelopeBuilder.Build(signal, samplingRate, envelope);
        return envelope;
    }
}
