using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;

namespace EmgSessions.Core.Exports.Signals;

/// <summary>
/// The rows of the signal exports, read from the C3D file's bytes: every analog channel, raw or as the analysis's
/// envelope, at full resolution or decimated to at most a given number of min/max buckets per channel. Rows are
/// produced lazily, one channel's signal at a time.
/// </summary>
public static class SignalRows
{
    /// <summary>Reads the recording the signals come from.</summary>
    /// <exception cref="C3dFormatException">The bytes are not a readable C3D file.</exception>
    public static EmgRecording Read(byte[] c3dBytes)
    {
        ArgumentNullException.ThrowIfNull(c3dBytes);
        return EmgRecordingFactory.FromC3d(C3dReader.Read(c3dBytes));
    }

    /// <summary>Every sample of every channel (a channel whose envelope cannot be computed gives no envelope rows).</summary>
    /// <exception cref="InvalidOperationException">The recording has no analog rate, so samples have no time.</exception>
    public static IEnumerable<SignalSample> Samples(EmgRecording recording, SignalKind kind)
    {
        var rate = RateOf(recording);
        return Walk(recording, kind, rate);

        static IEnumerable<SignalSample> Walk(EmgRecording recording, SignalKind kind, double rate)
        {
            for (var c = 0; c < recording.Channels.Count; c++)
            {
                var name = NameOf(recording, c);
                var signal = SignalOf(recording, c, kind, rate);
                for (var i = 0; i < signal.Length; i++)
                {
                    yield return new SignalSample(name, i, i * 1000.0 / rate, signal[i]);
                }
            }
        }
    }

    /// <summary>Each channel cut into at most <paramref name="bucketsPerChannel"/> runs of equal length (the last may be shorter), each as its min and max.</summary>
    /// <exception cref="InvalidOperationException">The recording has no analog rate.</exception>
    public static IEnumerable<SignalBucket> Buckets(EmgRecording recording, SignalKind kind, int bucketsPerChannel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketsPerChannel, 1);
        var rate = RateOf(recording);
        return Walk(recording, kind, rate, bucketsPerChannel);

        static IEnumerable<SignalBucket> Walk(EmgRecording recording, SignalKind kind, double rate, int buckets)
        {
            for (var c = 0; c < recording.Channels.Count; c++)
            {
                var name = NameOf(recording, c);
                var signal = SignalOf(recording, c, kind, rate);
                if (signal.Length == 0)
                {
                    continue;
                }

                var size = (signal.Length + buckets - 1) / buckets;
                for (int first = 0, index = 0; first < signal.Length; first += size, index++)
                {
                    var last = Math.Min(first + size, signal.Length) - 1;
                    var span = signal.AsSpan(first, last - first + 1);
                    yield return new SignalBucket(name, index, first, last, first * 1000.0 / rate, last * 1000.0 / rate, Min(span), Max(span));
                }
            }
        }
    }

    private static double RateOf(EmgRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return recording.SamplingRate
            ?? throw new InvalidOperationException("The recording states no analog sampling rate, so its signals cannot be exported with times; check the file's ANALOG:RATE.");
    }

    private static string NameOf(EmgRecording recording, int channel) =>
        channel < recording.Labels.Count && !string.IsNullOrWhiteSpace(recording.Labels[channel])
            ? recording.Labels[channel]!.Trim()
            : $"channel_{channel + 1}";

    private static double[] SignalOf(EmgRecording recording, int channel, SignalKind kind, double rate) =>
        kind == SignalKind.Raw ? recording.Channels[channel] : EmgDisplaySignals.Envelope(recording.Channels[channel], rate) ?? [];

    private static double Min(ReadOnlySpan<double> values)
    {
        var min = double.PositiveInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
