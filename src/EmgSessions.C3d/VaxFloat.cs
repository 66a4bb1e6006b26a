namespace EmgSessions.C3d;

/// <summary>
/// Conversion of DEC VAX F_floating values to IEEE-754 singles. The 4 stored bytes are two little-endian
/// words w0, w1; u = (w0 &lt;&lt; 16) | w1 has sign bit 31, exponent e in bits 30–23 (bias 128, hidden bit
/// 0.1b) and fraction f in bits 22–0: value = ±(1 + f/2²³)·2^(e−129); e = 0 is zero (or a reserved operand).
/// </summary>
internal static class VaxFloat
{
    /// <summary>Decodes the 4 stored bytes of a VAX F_floating value.</summary>
    public static float Decode(ReadOnlySpan<byte> bytes)
    {
        var w0 = (uint)(bytes[0] | (bytes[1] << 8));
        var w1 = (uint)(bytes[2] | (bytes[3] << 8));
        return FromBits((w0 << 16) | w1);
    }

    /// <summary>Converts the VAX bit pattern u (sign 31, exponent 30–23, fraction 22–0) to IEEE.</summary>
    public static float FromBits(uint u)
    {
        var sign = u & 0x8000_0000u;
        var exponent = (int)((u >> 23) & 0xFF);
        var fraction = u & 0x7F_FFFFu;
        if (exponent == 0)
        {
            // Sign set with exponent 0 is a VAX reserved operand: report it as NaN.
            return sign != 0 ? float.NaN : 0f;
        }

        if (exponent > 2)
        {
            // IEEE exponent = e − 2 keeps the same hidden-bit form (1.f).
            return BitConverter.UInt32BitsToSingle(sign | ((uint)(exponent - 2) << 23) | fraction);
        }

        var magnitude = Math.ScaleB(1.0 + (fraction / 8388608.0), exponent - 129);
        return (float)(sign != 0 ? -magnitude : magnitude);
    }

    /// <summary>Encodes an IEEE single as the 4 stored bytes of a VAX F_floating value (for tests and tools).</summary>
    public static void Encode(float value, Span<byte> destination)
    {
        var u = ToBits(value);
        var w0 = u >> 16;
        var w1 = u & 0xFFFF;
        destination[0] = (byte)w0;
        destination[1] = (byte)(w0 >> 8);
        destination[2] = (byte)w1;
        destination[3] = (byte)(w1 >> 8);
    }

    /// <summary>The VAX bit pattern of <paramref name="value"/>; NaN becomes the reserved operand, overflow saturates.</summary>
    public static uint ToBits(float value)
    {
        if (float.IsNaN(value))
        {
            return 0x8000_0000u;
        }

        if (value == 0f)
        {
            return 0;
        }

        var bits = BitConverter.SingleToUInt32Bits(value);
        var sign = bits & 0x8000_0000u;
        var ieeeExponent = (int)((bits >> 23) & 0xFF);
        if (ieeeExponent == 255 || ieeeExponent > 253)
        {
            return sign | 0x7FFF_FFFFu;
        }

        if (ieeeExponent >= 1)
        {
            return sign | ((uint)(ieeeExponent + 2) << 23) | (bits & 0x7F_FFFFu);
        }

        // IEEE subnormal: renormalise (VAX has exponents 1 and 2 below IEEE's smallest normal).
        var (mantissa, exponent) = (Math.Abs((double)value), 0);
        while (mantissa < 1.0)
        {
            mantissa *= 2;
            exponent--;
        }

        var e = exponent + 129;
        if (e < 1)
        {
            return 0;
        }

        var fraction = (uint)Math.Round((mantissa - 1.0) * 8388608.0);
        return sign | ((uint)e << 23) | (fraction & 0x7F_FFFFu);
    }
}
