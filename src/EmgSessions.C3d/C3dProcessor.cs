namespace EmgSessions.C3d;

/// <summary>The processor type stored in byte 3 of the parameter section; it fixes the byte order and float format.</summary>
public enum C3dProcessor
{
    /// <summary>Little-endian integers, IEEE-754 little-endian floats.</summary>
    Intel = 84,

    /// <summary>Little-endian integers, VAX F_floating floats.</summary>
    Dec = 85,

    /// <summary>Big-endian integers and IEEE-754 floats (SGI/MIPS).</summary>
    Mips = 86,
}
