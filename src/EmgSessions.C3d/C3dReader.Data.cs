using System.Buffers.Binary;

namespace EmgSessions.C3d;

public static partial class C3dReader
{
    /// <param name="selected">Which analog channels to decode (null: all; a missing entry: decoded); the others stay empty.</param>
    private static C3dRecording DecodeData(ReadOnlySpan<byte> file, C3dInfo info, DataLayout layout, IReadOnlyList<bool>? selected)
    {
        var frames = (int)layout.Frames;
        var channels = new double[layout.Channels][];
        var samplesPerChannel = layout.Channels > 0 ? frames * layout.SamplesPerFrame : 0;
        var decodes = frames > 0 && layout.FrameSize > 0;
        for (var c = 0; c < channels.Length; c++)
        {
            // Every sample of a decoded channel is written below, so its array need not be cleared first.
            channels[c] = selected is not null && c < selected.Count && !selected[c] ? []
                : decodes ? GC.AllocateUninitializedArray<double>(samplesPerChannel) : new double[samplesPerChannel];
        }

        var points = new C3dPoint[layout.Points];
        var framesForPoints = layout.Points > 0 ? frames : 0;
        for (var p = 0; p < points.Length; p++)
        {
            points[p] = new C3dPoint(info.PointLabels[p], new double[framesForPoints], new double[framesForPoints], new double[framesForPoints],
                new double[framesForPoints], new byte[framesForPoints]);
        }

        var unknownResiduals = 0L;
        if (decodes)
        {
            var data = file.Slice((int)layout.DataStart, (int)(layout.Frames * layout.FrameSize));
            unknownResiduals = (layout.Format.Processor, layout.Storage) switch
            {
                (C3dProcessor.Intel, C3dStorage.Float) => Decode<IntelFloat>(data, layout, points, channels),
                (C3dProcessor.Intel or C3dProcessor.Dec, C3dStorage.Integer) => Decode<LittleInt16>(data, layout, points, channels),
                (C3dProcessor.Dec, C3dStorage.Float) => Decode<DecFloat>(data, layout, points, channels),
                (C3dProcessor.Mips, C3dStorage.Float) => Decode<BigFloat>(data, layout, points, channels),
                _ => Decode<BigInt16>(data, layout, points, channels),
            };
        }

        if (unknownResiduals > 0)
        {
            // Said once per file, not once per point and frame.
            layout.Warnings.Add(new C3dWarning("ResidualUnknown", layout.DataStart,
                $"{unknownResiduals} point values have a 4th word above 65535 (not a 16-bit residual word); they are kept as valid with an unknown residual."));
        }

        return new C3dRecording(info, channels, new C3dPoints(points, framesForPoints));
    }

    /// <summary>
    /// Decodes all frames; <typeparamref name="TSample"/> is a struct so each format gets its own specialised loop.
    /// Returns how many point values had a 4th word above 65535 (valid, residual unknown).
    /// </summary>
    private static long Decode<TSample>(ReadOnlySpan<byte> data, DataLayout layout, C3dPoint[] points, double[][] channels)
        where TSample : struct, ISample
    {
        var size = TSample.Size;
        var frames = (int)layout.Frames;
        var frameSize = (int)layout.FrameSize;
        var integer = layout.Storage == C3dStorage.Integer;
        var coordinateScale = integer ? layout.PointScale : 1.0;
        var residualScale = layout.PointScale;
        var unknownResiduals = 0L;
        for (var f = 0; f < frames; f++)
        {
            var frame = data.Slice(f * frameSize, frameSize);
            var at = 0;
            for (var p = 0; p < points.Length; p++)
            {
                var point = points[p];
                var x = TSample.Read(frame[at..]);
                var y = TSample.Read(frame[(at + size)..]);
                var z = TSample.Read(frame[(at + (2 * size))..]);
                var w = TSample.Read(frame[(at + (3 * size))..]);
                at += 4 * size;
                var word = ResidualWord(w);
                if (word < 0 || !double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z))
                {
                    point.X[f] = double.NaN;
                    point.Y[f] = double.NaN;
                    point.Z[f] = double.NaN;
                    point.Residual[f] = -1;
                }
                else if (word > ushort.MaxValue)
                {
                    // Not a residual word (e.g. the float 1.7e38 some writers store): valid, residual and cameras unknown.
                    point.X[f] = x * coordinateScale;
                    point.Y[f] = y * coordinateScale;
                    point.Z[f] = z * coordinateScale;
                    point.Residual[f] = double.NaN;
                    unknownResiduals++;
                }
                else
                {
                    point.X[f] = x * coordinateScale;
                    point.Y[f] = y * coordinateScale;
                    point.Z[f] = z * coordinateScale;
                    point.Residual[f] = (word & 0xFF) * residualScale;
                    point.CameraMask[f] = (byte)((word >> 8) & 0x7F);
                }
            }
        }

        DecodeAnalog<TSample>(data, layout, points.Length * 4 * size, channels);
        return unknownResiduals;
    }

    /// <summary>
    /// The 4th word as a signed 16-bit value (guide §5): floats are rounded and 32768…65535 wrap to negative;
    /// −1 for NaN and any negative value; <see cref="UnknownResidual"/> for a value above 65535, which is not a
    /// 16-bit word at all: only a negative word marks a point invalid.
    /// </summary>
    private static int ResidualWord(double w)
    {
        if (double.IsNaN(w) || w < 0)
        {
            return -1;
        }

        if (w > 65535.5)
        {
            return UnknownResidual;
        }

        var word = (int)Math.Round(w);
        return word >= 32768 ? word - 65536 : word;
    }

    /// <summary>A 4th word above 65535: the point is valid, its residual and camera mask unknown.</summary>
    private const int UnknownResidual = ushort.MaxValue + 1;

    private interface ISample
    {
        static abstract int Size { get; }

        static abstract double Read(ReadOnlySpan<byte> bytes);
    }

    private readonly struct IntelFloat : ISample
    {
        public static int Size => 4;

        public static double Read(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadSingleLittleEndian(bytes);
    }

    private readonly struct BigFloat : ISample
    {
        public static int Size => 4;

        public static double Read(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadSingleBigEndian(bytes);
    }

    private readonly struct DecFloat : ISample
    {
        public static int Size => 4;

        public static double Read(ReadOnlySpan<byte> bytes) => VaxFloat.Decode(bytes);
    }

    private readonly struct LittleInt16 : ISample
    {
        public static int Size => 2;

        public static double Read(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt16LittleEndian(bytes);
    }

    private readonly struct BigInt16 : ISample
    {
        public static int Size => 2;

        public static double Read(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt16BigEndian(bytes);
    }
}
