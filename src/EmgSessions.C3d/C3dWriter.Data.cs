using System.Buffers.Binary;

namespace EmgSessions.C3d;

public sealed partial class C3dWriter
{
    private void WriteData(Span<byte> data, long frames, double scale)
    {
        if (frames == 0 || data.Length == 0)
        {
            return;
        }

        var unsigned = Storage == C3dStorage.Integer && string.Equals(
            _parameters.FirstOrDefault(p => string.Equals(p.FullName, "ANALOG:FORMAT", StringComparison.OrdinalIgnoreCase))?.GetString()?.Trim(),
            "UNSIGNED", StringComparison.OrdinalIgnoreCase);
        var channels = _channels.Count;
        var inverse = new double[channels];
        var offsets = new double[channels];
        var identity = true;
        for (var c = 0; c < channels; c++)
        {
            var factor = _channels[c].Scale * AnalogGeneralScale;
            inverse[c] = factor == 0 ? 0 : 1 / factor;
            offsets[c] = _channels[c].Offset;
            identity &= factor == 1 && offsets[c] == 0;
        }

        var samples = _channels.Select(c => c.Samples).ToArray();
        var spf = AnalogSamplesPerFrame;
        var pointCount = _points.Count;
        var valuesPerFrame = (4 * pointCount) + (channels * spf);
        if (Storage == C3dStorage.Float && LittleEndianHost)
        {
            var values = AsFloats(data);
            for (var f = 0; f < (int)frames; f++)
            {
                var at = f * valuesPerFrame;
                for (var p = 0; p < pointCount; p++)
                {
                    EncodePoint(_points[p], f, scale, values.Slice(at, 4));
                    at += 4;
                }

                var sampleBase = f * spf;
                for (var s = 0; s < spf; s++)
                {
                    var index = sampleBase + s;
                    for (var c = 0; c < channels; c++)
                    {
                        var v = samples[c][index];
                        values[at++] = identity ? (float)v : (float)((v * inverse[c]) + offsets[c]);
                    }
                }
            }

            return;
        }

        var size = Storage == C3dStorage.Float ? 4 : 2;
        Span<float> point = stackalloc float[4];
        var position = 0;
        for (var f = 0; f < (int)frames; f++)
        {
            for (var p = 0; p < pointCount; p++)
            {
                EncodePoint(_points[p], f, scale, point);
                for (var k = 0; k < 4; k++)
                {
                    WriteValue(data[position..], point[k], size, unsigned: false);
                    position += size;
                }
            }

            var sampleBase = f * spf;
            for (var s = 0; s < spf; s++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var v = samples[c][sampleBase + s];
                    WriteValue(data[position..], (v * inverse[c]) + offsets[c], size, unsigned);
                    position += size;
                }
            }
        }
    }

    /// <summary>X, Y, Z and W (guide §5, §10): coordinates in storage units; W = cameras &lt;&lt; 8 | residual / scale (0 when unknown), −1 when invalid.</summary>
    private void EncodePoint(PointTrack track, int frame, double scale, Span<float> destination)
    {
        var residual = track.Residuals?[frame] ?? 0;
        var x = track.X[frame];
        var y = track.Y[frame];
        var z = track.Z[frame];
        if (residual < 0 || !double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z))
        {
            destination[0] = 0;
            destination[1] = 0;
            destination[2] = 0;
            destination[3] = -1;
            return;
        }

        var coordinateScale = Storage == C3dStorage.Integer ? 1 / scale : 1;
        destination[0] = (float)(x * coordinateScale);
        destination[1] = (float)(y * coordinateScale);
        destination[2] = (float)(z * coordinateScale);
        // An unknown residual (NaN: read from a 4th word above 65535) is written as 0; the point stays valid.
        var residualUnits = double.IsNaN(residual) ? 0 : (int)Math.Clamp(Math.Round(residual / scale), 0, 255);
        var cameras = (track.CameraMasks?[frame] ?? 0) & 0x7F;
        destination[3] = (cameras << 8) | residualUnits;
    }

    private static void WriteValue(Span<byte> destination, double value, int size, bool unsigned)
    {
        if (size == 4)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination, (float)value);
            return;
        }

        var rounded = double.IsNaN(value) ? 0 : Math.Round(value);
        if (unsigned)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)Math.Clamp(rounded, 0, ushort.MaxValue));
        }
        else
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination, (short)Math.Clamp(rounded, short.MinValue, short.MaxValue));
        }
    }
}
