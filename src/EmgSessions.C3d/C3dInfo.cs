namespace EmgSessions.C3d;

/// <summary>What the header and parameter section say about a file, after the reader's checks and repairs.</summary>
public sealed class C3dInfo
{
    public C3dProcessor Processor { get; init; }

    public C3dStorage Storage { get; init; }

    /// <summary>Points per frame (POINT:USED).</summary>
    public int PointCount { get; init; }

    /// <summary>Frame rate in Hz; 0 when the file gives no usable rate.</summary>
    public double PointRate { get; init; }

    /// <summary>First frame, 0-based: header word 4 minus 1 (unless word 4 is 0).</summary>
    public int FirstFrame { get; init; }

    /// <summary>Last frame, 0-based; for more than 65535 frames, <see cref="FirstFrame"/> + <see cref="FrameCount"/> − 1.</summary>
    public int LastFrame { get; init; }

    /// <summary>Frames actually present in the data section (the declared count clamped to the file).</summary>
    public long FrameCount { get; init; }

    /// <summary>Frames the parameters declare (before clamping).</summary>
    public long DeclaredFrameCount { get; init; }

    public int AnalogCount { get; init; }

    /// <summary>Analog samples per channel per frame (header word 10).</summary>
    public int AnalogSamplesPerFrame { get; init; }

    /// <summary><see cref="PointRate"/> × <see cref="AnalogSamplesPerFrame"/>; 0 when there is no analog data.</summary>
    public double AnalogRate { get; init; }

    public long AnalogSamplesPerChannel { get; init; }

    /// <summary><see cref="FrameCount"/> / <see cref="PointRate"/> (0 when untimed).</summary>
    public double DurationSeconds { get; init; }

    public IReadOnlyList<string> PointLabels { get; init; } = [];

    public IReadOnlyList<string> AnalogLabels { get; init; } = [];

    /// <summary>Analog units per channel (ANALOG:UNITS, UNITS2…), empty strings where missing.</summary>
    public IReadOnlyList<string> AnalogUnits { get; init; } = [];

    /// <summary>Units of the point coordinates (POINT:UNITS), empty when missing.</summary>
    public string PointUnits { get; init; } = "";

    /// <summary>POINT:SCALE (or the header scale when the parameter is missing): negative means float storage.</summary>
    public double PointScale { get; init; }

    /// <summary>Per-channel scale used: ANALOG:SCALE[c] (1 where missing).</summary>
    public IReadOnlyList<double> AnalogScales { get; init; } = [];

    /// <summary>Per-channel offset used, after the unsigned rules (0 where missing).</summary>
    public IReadOnlyList<double> AnalogOffsets { get; init; } = [];

    /// <summary>ANALOG:GEN_SCALE (1 when missing).</summary>
    public double AnalogGeneralScale { get; init; } = 1;

    /// <summary>True when 16-bit analog samples are read unsigned (ANALOG:FORMAT = UNSIGNED).</summary>
    public bool AnalogUnsigned { get; init; }

    public C3dParameters Parameters { get; init; } = C3dParameters.Empty;

    public IReadOnlyList<C3dEvent> Events { get; init; } = [];

    public IReadOnlyList<C3dWarning> Warnings { get; init; } = [];

    public long FileLength { get; init; }

    /// <summary>Byte offset of the data section.</summary>
    public long DataStart { get; init; }

    /// <summary>Bytes per frame: (4 × points + analog values) × 2 or 4.</summary>
    public long FrameSize { get; init; }

    /// <summary>Header byte 0: the block of the parameter section.</summary>
    public int ParameterBlock { get; init; }

    /// <summary>Header word 4 and 5 as stored (1-based raw frame numbers).</summary>
    public int HeaderFirstFrameNumber { get; init; }

    public int HeaderLastFrameNumber { get; init; }

    /// <summary>Header word 6.</summary>
    public int MaxInterpolationGap { get; init; }

    /// <summary>Header events with their display flags, in slot order (for rewriting files).</summary>
    public IReadOnlyList<byte> HeaderEventFlags { get; init; } = [];
}
