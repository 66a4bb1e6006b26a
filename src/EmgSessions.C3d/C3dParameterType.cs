namespace EmgSessions.C3d;

/// <summary>The type byte of a parameter record; its magnitude is the element size in bytes.</summary>
public enum C3dParameterType
{
    /// <summary>Characters; the first dimension is the string length.</summary>
    Char = -1,

    /// <summary>Unsigned 8-bit integers.</summary>
    Byte = 1,

    /// <summary>16-bit integers (signed unless the parameter is a count or pointer).</summary>
    Int16 = 2,

    /// <summary>32-bit floats in the file's float format.</summary>
    Float = 4,
}
