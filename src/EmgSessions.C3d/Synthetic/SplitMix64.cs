namespace EmgSessions.C3d.Synthetic;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic generator, identical on every runtime, unlike
/// <see cref="Random"/> whose algorithm may change between .NET versions.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E37_79B9_7F4A_7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBul;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Approximately standard normal: four 16-bit uniforms summed (Irwin–Hall), centred and scaled to unit variance.</summary>
    public double NextGaussianApprox()
    {
        var r = Next();
        var sum = (double)(r & 0xFFFF) + ((r >> 16) & 0xFFFF) + ((r >> 32) & 0xFFFF) + (r >> 48);
        return ((sum / 65536.0) - 2.0) * 1.7320508075688772;
    }
}
