using System.Buffers.Binary;

namespace EmgSessions.C3d;

public static partial class C3dReader
{
    private static C3dRecording DecodeData(ReadOnlySpan<byte> file, C3dInfo info, DataLayout layout)
    {
        var frames = (int)layout.Frames;
        var channels = new double[layout.Channels][];
        var samplesPerChannel = layout.Channels > 0 ? frames * layout.SamplesPerFrame : 0;
        for (var c = 0; c < channels.Length; c++)
        {
            channels[c] = new double[samplesPerChannel];
        }

        var points = new C3dPoint[layout.Points];
        var framesForPoints = layout.Points > 0 ? frames : 0;
        for (var p = 0; p < points.Length; p++)
        {
            points[p] = new C3dPoint(info.PointLabels[p], new double[framesForPoints], new double[framesForPoints], new double[framesForPoints],
                new double[framesForPoints], new byte[framesForPoints]);
        }

        if (frames > 0 && layout.FrameSize > 0)
        {
            var data = file.Slice((int)layout.DataStart, (int)(layout.Frames * layout.FrameSize));
            switch (layout.Format.Processor, layout.Storage)
            {
                case (C3dProcessor.Intel, C3dStorage.Float):
                    Decode<IntelFloat>(data, layout, points, channels);
                    break;
                case (C3dProcessor.Intel or C3dProcessor.Dec, C3dStorage.Integer):
                    Decode<LittleInt16>(data, layout, points, channels);
                    break;
                case (C3dProcessor.Dec, C3dStorage.Float):
                    Decode<DecFloat>(data, layout, points, channels);
                    break;
                case (C3dProcessor.Mips, C3dStorage.Float):
                    Decode<BigFloat>(data, layout, points, channels);
                    break;
                default:
                    Decode<BigInt16>(data, layout, points, channels);
                    break;
            }
        }

        return new C3dRecording(info, channels, new C3dPoints(points, framesForPoints));
    }

    /// <summary>Decodes all frames; <typeparamref name="TSample"/> is a struct so each format gets its own specialised loop.</summary>
    private static void Decode<TSample>(ReadOnlySpan<byte> data, DataLayout layout, C3dPoint[] points, double[][] channels)
        where TSample : struct, ISample
    {
        var size = TSample.Size;
        var frames = (int)layout.Frames;
        var frameSize = (int)layout.FrameSize;
        var integer = layout.Storage == C3dStorage.Integer;
        var coordinateScale = integer ? layout.PointScale : 1.0;
        var residualScale = layout.PointScale;
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
                if (word < 0)
                {
                    point.X[f] = double.NaN;
                    point.Y[f] = double.NaN;
                    point.Z[f] = double.NaN;
                    point.Residual[f] = -1;
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
    }

    /// <summary>
    /// The 4th word as a signed 16-bit value (guide §5): floats are rounded and 32768…65535 wrap to negative;
    /// −1 for NaN or values outside 16 bits.
    /// </summary>
    private static int ResidualWord(double w)
    {
        if (!(w >= -32768 && w <= 65535))
        {
            return -1;
        }

        var word = (int)Math.Round(w);
        return word >= 32768 ? word - 65536 : word;
    }

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
