namespace EmgSessions.C3d;

/// <summary>The 512-byte header (block 1), decoded with the processor's number format. Words are read unsigned.</summary>
internal readonly struct C3dHeader
{
    public const int Size = 512;
    public const int MaxEvents = 18;

    public byte ParameterBlock { get; init; }
    public byte Key { get; init; }
    public int PointCount { get; init; }
    public int AnalogValuesPerFrame { get; init; }
    public int FirstFrame { get; init; }
    public int LastFrame { get; init; }
    public int MaxInterpolationGap { get; init; }
    public float Scale { get; init; }
    public int DataStartBlock { get; init; }
    public int AnalogSamplesPerFrame { get; init; }
    public float FrameRate { get; init; }
    public int LabelRangeKey { get; init; }
    public int FourCharKey { get; init; }
    public int EventCount { get; init; }

    /// <summary>Parses the header; <paramref name="block"/> must hold at least 512 bytes.</summary>
    public static C3dHeader Parse(ReadOnlySpan<byte> block, NumberFormat format) => new()
    {
        ParameterBlock = block[0],
        Key = block[1],
        PointCount = format.UInt16(block[2..]),
        AnalogValuesPerFrame = format.UInt16(block[4..]),
        FirstFrame = format.UInt16(block[6..]),
        LastFrame = format.UInt16(block[8..]),
        MaxInterpolationGap = format.UInt16(block[10..]),
        Scale = format.Single(block[12..]),
        DataStartBlock = format.UInt16(block[16..]),
        AnalogSamplesPerFrame = format.UInt16(block[18..]),
        FrameRate = format.Single(block[20..]),
        LabelRangeKey = format.UInt16(block[294..]),
        FourCharKey = format.UInt16(block[298..]),
        EventCount = format.Int16(block[300..]),
    };

    /// <summary>The header events (count clamped to 0–18), labels trimmed.</summary>
    public static List<C3dEvent> ParseEvents(ReadOnlySpan<byte> block, NumberFormat format, int count)
    {
        var n = Math.Clamp(count, 0, MaxEvents);
        var events = new List<C3dEvent>(n);
        for (var i = 0; i < n; i++)
        {
            var time = format.Single(block[(304 + (4 * i))..]);
            var label = System.Text.Encoding.Latin1.GetString(block.Slice(396 + (4 * i), 4)).Trim(' ', '\0');
            events.Add(new C3dEvent(label, time, null, C3dEventSource.Header));
        }

        return events;
    }
}
