namespace EmgSessions.C3d;

/// <summary>How point and analog samples are stored: the sign of POINT:SCALE selects it (negative = float).</summary>
public enum C3dStorage
{
    /// <summary>16-bit integers; point coordinates are multiplied by POINT:SCALE.</summary>
    Integer,

    /// <summary>32-bit floats; point coordinates are stored already scaled.</summary>
    Float,
}
