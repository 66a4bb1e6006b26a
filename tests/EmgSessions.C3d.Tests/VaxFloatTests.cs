namespace EmgSessions.C3d.Tests;

public sealed class VaxFloatTests
{
    [Theory]
    [InlineData(0x4080_0000u, 1.0f)] // e = 129, f = 0: 1 · 2^0
    [InlineData(0xC080_0000u, -1.0f)]
    [InlineData(0x4100_0000u, 2.0f)]
    [InlineData(0x4148_0000u, 3.125f)] // e = 130, f = 0x480000: (1 + 0.5625) · 2
    [InlineData(0x3F80_0000u, 0.25f)] // e = 127: 2^-2
    [InlineData(0x0000_0000u, 0f)]
    [InlineData(0x0012_3456u, 0f)] // e = 0, sign clear: zero whatever the fraction
    public void Converts_vax_bit_patterns_to_ieee(uint bits, float expected)
    {
        Assert.Equal(expected, VaxFloat.FromBits(bits));
    }

    [Fact]
    public void The_reserved_operand_is_nan()
    {
        Assert.True(float.IsNaN(VaxFloat.FromBits(0x8000_0000u)));
        Assert.True(float.IsNaN(VaxFloat.FromBits(0x8000_1234u)));
    }

    [Fact]
    public void Tiny_exponents_become_ieee_subnormals_instead_of_wrapping()
    {
        // e = 1: (1 + 0.5) · 2^-128, below IEEE's smallest normal; a byte-decrementing converter gets this wrong.
        var value = VaxFloat.FromBits((1u << 23) | 0x40_0000u);
        Assert.Equal(Math.ScaleB(1.5, -128), value, 1e-45);
        Assert.True(float.IsSubnormal(value));
    }

    [Fact]
    public void The_largest_exponent_stays_finite()
    {
        Assert.Equal(MathF.ScaleB(1f, 126), VaxFloat.FromBits(0x7F80_0000u));
    }

    [Fact]
    public void Decode_reads_the_two_words_in_the_stored_order()
    {
        // 1.0 is stored as words w0 = 0x4080, w1 = 0x0000, each little-endian.
        Assert.Equal(1.0f, VaxFloat.Decode([0x80, 0x40, 0x00, 0x00]));
        Assert.Equal(-2.5f, VaxFloat.Decode([0x20, 0xC1, 0x00, 0x00]));
    }

    [Theory]
    [InlineData(1.0f)]
    [InlineData(-0.0833333358f)]
    [InlineData(107.52688f)]
    [InlineData(1e-38f)]
    [InlineData(1.5e38f)]
    public void Encode_and_decode_round_trip(float value)
    {
        Span<byte> bytes = stackalloc byte[4];
        VaxFloat.Encode(value, bytes);
        Assert.Equal(value, VaxFloat.Decode(bytes));
    }
}
