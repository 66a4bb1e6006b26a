using System.Buffers.Binary;
using System.Text.Json;

namespace EmgSessions.Analysis.Signals;

/// <summary>
/// A display window of one channel, uniform in time so no time axis is sent: value j belongs to
/// <see cref="T0"/> + j·<see cref="Dt"/> s. Either <see cref="Min"/> and <see cref="Max"/> per bucket of Dt·fs
/// samples (the last bucket may hold fewer), or the <see cref="Samples"/> themselves (Dt = 1/fs) when a bucket
/// would hold fewer than two. Values are volts as float32 (display precision).
/// </summary>
public sealed record SignalWindow(double Fs, double T0, double Dt, float[]? Samples, float[]? Min, float[]? Max)
{
    /// <summary>The unit of every value.</summary>
    public const string Unit = "V";

    /// <summary>The JSON form: <c>{fs, t0, dt, unit:"V", min[], max[]}</c>, or <c>{fs, t0, dt, unit:"V", samples[]}</c>; a value that is not finite is written as null.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("fs", Fs);
        writer.WriteNumber("t0", T0);
        writer.WriteNumber("dt", Dt);
        writer.WriteString("unit", Unit);
        if (Samples is not null)
        {
            WriteArray(writer, "samples", Samples);
        }
        else
        {
            WriteArray(writer, "min", Min!);
            WriteArray(writer, "max", Max!);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The binary Float32 form, little-endian: fs, t0, dt (float64), kind (int32: 0 = min/max, 1 = samples), count
    /// (int32), then count float32 samples, or count minima followed by count maxima.
    /// </summary>
    public byte[] ToFloat32Bytes()
    {
        var count = (Samples ?? Min!).Length;
        var arrays = Samples is not null ? 1 : 2;
        var bytes = new byte[32 + (4 * count * arrays)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteDoubleLittleEndian(span, Fs);
        BinaryPrimitives.WriteDoubleLittleEndian(span[8..], T0);
        BinaryPrimitives.WriteDoubleLittleEndian(span[16..], Dt);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], Samples is not null ? 1 : 0);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], count);
        var offset = 32;
        foreach (var values in Samples is not null ? [Samples] : new[] { Min!, Max! })
        {
            foreach (var v in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[offset..], v);
                offset += 4;
            }
        }

        return bytes;
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, float[] values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            // A NaN or infinite sample (possible in float C3D files) is a gap in the chart, not an error.
            if (float.IsFinite(v))
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}
