using System.Buffers.Binary;

namespace EmgSessions.Analysis.Signals;

/// <summary>
/// Min/max summaries of one channel's signal (volts), computed once so that a display window is a lookup
/// (dashboard.md §2). Level 0 is the samples; bucket i of level k ≥ 1 holds the minimum and maximum of samples
/// [i·4^k, (i+1)·4^k) (the last bucket of a level may hold fewer). Values are kept as float32: enough for display
/// (7 significant digits), half the size; min and max commute with the rounding, so a bucket's float32 min is
/// the float32 of its double min. Not for analysis: metrics read the double samples.
/// </summary>
public sealed class SignalPyramid
{
    /// <summary>The factor between two levels.</summary>
    public const int Fanout = 4;

    private const uint Magic = 0x31_50_4D_45; // "EMP1" little-endian
    private const int HeaderBytes = 4 + 8 + 8 + 4;

    private readonly float[] _samples;
    private readonly float[][] _mins;
    private readonly float[][] _maxs;

    private SignalPyramid(double samplingRate, double startTime, float[] samples, float[][] mins, float[][] maxs)
    {
        SamplingRate = samplingRate;
        StartTime = startTime;
        _samples = samples;
        _mins = mins;
        _maxs = maxs;
    }

    /// <summary>Samples per second.</summary>
    public double SamplingRate { get; }

    /// <summary>Time of sample 0, in seconds.</summary>
    public double StartTime { get; }

    public int SampleCount => _samples.Length;

    /// <summary>Length of the recording in seconds: N / fs.</summary>
    public double Duration => _samples.Length / SamplingRate;

    /// <summary>Number of levels, level 0 (the samples) included; the top level has a single bucket.</summary>
    public int LevelCount => _mins.Length;

    /// <summary>Builds the pyramid of <paramref name="samples"/> taken at <paramref name="samplingRate"/> Hz from <paramref name="startTime"/> s.</summary>
    /// <exception cref="ArgumentException">The sampling rate or start time is not a finite number (the rate must be positive), or there are no samples.</exception>
    public static SignalPyramid Build(ReadOnlySpan<double> samples, double samplingRate, double startTime = 0)
    {
        CheckTiming(samplingRate, startTime, samples.Length);
        var level0 = new float[samples.Length];
        for (var i = 0; i < level0.Length; i++)
        {
            level0[i] = (float)samples[i];
        }

        return FromLevel0(samplingRate, startTime, level0);
    }

    /// <summary>The number of buckets of <paramref name="level"/> (level 0: the sample count).</summary>
    public int BucketCount(int level) => _mins[level].Length;

    /// <summary>The minimum of bucket <paramref name="index"/> of <paramref name="level"/>.</summary>
    public float Min(int level, int index) => _mins[level][index];

    /// <summary>The maximum of bucket <paramref name="index"/> of <paramref name="level"/>.</summary>
    public float Max(int level, int index) => _maxs[level][index];

    /// <summary>
    /// The window <paramref name="request"/> asks for: every sample whose time t0 + i/fs lies in [from_s, to_s], as
    /// buckets of B = ceil(count / points) consecutive samples (the last may hold fewer), each with its exact min
    /// and max; or the samples themselves when there are fewer than two per point.
    /// </summary>
    public SignalWindow Window(SignalWindowRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var first = (long)Math.Ceiling(((request.FromS - StartTime) * SamplingRate) - 1e-9);
        var last = (long)Math.Floor(((request.ToS - StartTime) * SamplingRate) + 1e-9);
        var start = (int)Math.Clamp(first, 0, _samples.Length);
        var end = (int)Math.Clamp(last + 1, start, _samples.Length);
        var count = end - start;
        var t0 = StartTime + (start / SamplingRate);
        if (count < 2 * request.Points)
        {
            return new SignalWindow(SamplingRate, t0, 1 / SamplingRate, _samples.AsSpan(start, count).ToArray(), null, null);
        }

        var bucket = (int)(((long)count + request.Points - 1) / request.Points);
        var buckets = (count + bucket - 1) / bucket;
        var mins = new float[buckets];
        var maxs = new float[buckets];
        for (var j = 0; j < buckets; j++)
        {
            var from = start + (j * bucket);
            (mins[j], maxs[j]) = RangeMinMax(from, Math.Min(from + bucket, end));
        }

        return new SignalWindow(SamplingRate, t0, bucket / SamplingRate, null, mins, maxs);
    }

    /// <summary>The min and max of samples [<paramref name="start"/>, <paramref name="end"/>), read from the coarsest buckets that fit.</summary>
    internal (float Min, float Max) RangeMinMax(int start, int end)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        int lo = start, hi = end;
        for (var level = 0; lo < hi; level++)
        {
            var mins = _mins[level];
            var maxs = _maxs[level];
            if (level == _mins.Length - 1)
            {
                Take(mins, maxs, lo, hi, ref min, ref max);
                break;
            }

            var length = mins.Length;
            var alignedLo = Math.Min(hi, (lo + Fanout - 1) / Fanout * Fanout);
            Take(mins, maxs, lo, alignedLo, ref min, ref max);
            lo = alignedLo;
            var alignedHi = hi == length ? hi : Math.Max(lo, hi / Fanout * Fanout);
            Take(mins, maxs, alignedHi, hi, ref min, ref max);
            hi = alignedHi;
            if (lo >= hi)
            {
                break;
            }

            lo /= Fanout;
            hi = (hi + Fanout - 1) / Fanout;
        }

        return (min, max);
    }

    /// <summary>
    /// The pyramid as bytes, to store with the session: "EMP1", fs (float64), t0 (float64), N (int32), then the N
    /// samples as float32; the upper levels are rebuilt on reading (a linear pass), which keeps the stored form at
    /// 4·N + 24 bytes. Little-endian throughout.
    /// </summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderBytes + (4 * _samples.Length)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteDoubleLittleEndian(span[4..], SamplingRate);
        BinaryPrimitives.WriteDoubleLittleEndian(span[12..], StartTime);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], _samples.Length);
        var body = span[HeaderBytes..];
        for (var i = 0; i < _samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(body[(4 * i)..], _samples[i]);
        }

        return bytes;
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote.</summary>
    /// <exception cref="FormatException">The bytes are not a stored signal pyramid (wrong marker or length).</exception>
    public static SignalPyramid FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new FormatException("These bytes are not a stored signal summary (no EMP1 marker); rebuild the summary from the recording.");
        }

        var samplingRate = BinaryPrimitives.ReadDoubleLittleEndian(bytes[4..]);
        var startTime = BinaryPrimitives.ReadDoubleLittleEndian(bytes[12..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[20..]);
        if (count <= 0 || bytes.Length != HeaderBytes + (4L * count) || !double.IsFinite(samplingRate) || samplingRate <= 0 || !double.IsFinite(startTime))
        {
            throw new FormatException("The stored signal summary is truncated or damaged; rebuild it from the recording.");
        }

        var samples = new float[count];
        var body = bytes[HeaderBytes..];
        for (var i = 0; i < count; i++)
        {
            samples[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(4 * i)..]);
        }

        return FromLevel0(samplingRate, startTime, samples);
    }

    private static SignalPyramid FromLevel0(double samplingRate, double startTime, float[] samples)
    {
        var mins = new List<float[]> { samples };
        var maxs = new List<float[]> { samples };
        while (mins[^1].Length > 1)
        {
            var belowMins = mins[^1];
            var belowMaxs = maxs[^1];
            var length = (belowMins.Length + Fanout - 1) / Fanout;
            var levelMins = new float[length];
            var levelMaxs = new float[length];
            for (var i = 0; i < length; i++)
            {
                var from = i * Fanout;
                var to = Math.Min(from + Fanout, belowMins.Length);
                float min = belowMins[from], max = belowMaxs[from];
                for (var k = from + 1; k < to; k++)
                {
                    min = MathF.Min(min, belowMins[k]);
                    max = MathF.Max(max, belowMaxs[k]);
                }

                levelMins[i] = min;
                levelMaxs[i] = max;
            }

            mins.Add(levelMins);
            maxs.Add(levelMaxs);
        }

        return new SignalPyramid(samplingRate, startTime, samples, [.. mins], [.. maxs]);
    }

    private static void Take(float[] mins, float[] maxs, int from, int to, ref float min, ref float max)
    {
        for (var i = from; i < to; i++)
        {
            min = MathF.Min(min, mins[i]);
            max = MathF.Max(max, maxs[i]);
        }
    }

    private static void CheckTiming(double samplingRate, double startTime, int count)
    {
        if (!double.IsFinite(samplingRate) || samplingRate <= 0)
        {
            throw new ArgumentException($"The sampling rate must be a positive number of Hz, got {samplingRate}.", nameof(samplingRate));
        }

        if (!double.IsFinite(startTime))
        {
            throw new ArgumentException($"The start time must be a finite number of seconds, got {startTime}.", nameof(startTime));
        }

        if (count == 0)
        {
            throw new ArgumentException("A signal summary needs at least one sample.", "samples");
        }
    }
}
