namespace EmgSessions.C3d;

public static partial class C3dReader
{
    /// <summary>Everything the data decoder needs, decided once from the header and parameters.</summary>
    private sealed record DataLayout(
        NumberFormat Format,
        C3dStorage Storage,
        long DataStart,
        long FrameSize,
        long Frames,
        int Points,
        int Channels,
        int SamplesPerFrame,
        double PointScale,
        bool AnalogUnsigned,
        double[] Offsets,
        double[] Factors,
        List<C3dWarning> Warnings);

    /// <summary>
    /// True when every byte from <paramref name="from"/> to the end of the file is zero (padding after the last frame).
    /// False when those bytes are not in <paramref name="file"/> (a header-only read): they may be frames.
    /// </summary>
    private static bool IsZeroTail(ReadOnlySpan<byte> file, long fileLength, long from) =>
        file.Length >= fileLength && from >= 0 && from <= file.Length && !file[(int)from..].ContainsAnyExcept((byte)0);

    /// <summary>A count parameter (u16 for INT, rounded for FLOAT); null when missing or empty.</summary>
    private static int? CountParameter(C3dParameters parameters, string name)
    {
        var value = parameters.Find(name)?.GetUnsignedNumber();
        return value is { } v && v >= 0 && v <= ushort.MaxValue ? (int)v : null;
    }

    private static (int Points, int Channels) ChooseCounts(int points, int channels, int headerPoints, int headerChannels, int samplesPerFrame,
        int valueSize, long headerDataStart, long frames, long fileLength, List<C3dWarning> warnings)
    {
        bool Fits(int p, int c)
        {
            var size = ((4L * p) + ((long)c * samplesPerFrame)) * valueSize;
            if (size == 0 || headerDataStart <= 0)
            {
                return false;
            }

            var end = headerDataStart + (frames * size);
            return end <= fileLength && fileLength - end < size + 512;
        }

        if (Fits(points, channels) || !Fits(headerPoints, headerChannels))
        {
            warnings.Add(new C3dWarning("CountsDisagree", 2,
                $"The header says {headerPoints} points and {headerChannels} channels, the parameters {points} and {channels}; the parameters are used."));
            return (points, channels);
        }

        warnings.Add(new C3dWarning("CountsDisagree", 2,
            $"The header says {headerPoints} points and {headerChannels} channels, the parameters {points} and {channels}; the header matches the file size and is used."));
        return (headerPoints, headerChannels);
    }

    private static long ChooseDataStart(C3dParameters parameters, C3dHeader header, int parameterBlock, long parametersEnd, long frameSize,
        long frames, long fileLength, List<C3dWarning> warnings)
    {
        var fromHeader = header.DataStartBlock;
        var fromParameter = CountParameter(parameters, "POINT:DATA_START");

        int Score(int block)
        {
            if (block <= parameterBlock)
            {
                return 0;
            }

            var start = (block - 1) * 512L;
            var score = 1;
            if (start >= parametersEnd)
            {
                score += 2;
            }

            if (start + (frames * frameSize) <= fileLength)
            {
                score += 1;
            }

            return score;
        }

        var headerScore = Score(fromHeader);
        var chosen = fromHeader;
        if (fromParameter is { } p && p != fromHeader)
        {
            var parameterScore = Score(p);
            if (parameterScore > headerScore)
            {
                chosen = p;
            }

            warnings.Add(new C3dWarning("DataStartDisagrees", 16,
                $"Header word 9 says the data starts in block {fromHeader}, POINT:DATA_START says {p}; block {chosen} is used."));
        }

        if (chosen <= parameterBlock)
        {
            throw new C3dFormatException(16, $"the data section (block {chosen}) does not follow the parameter section (block {parameterBlock})");
        }

        var dataStart = (chosen - 1) * 512L;
        if (dataStart > fileLength)
        {
            warnings.Add(new C3dWarning("DataMissing", 16, $"The data section should start at byte {dataStart}, beyond the end of the file ({fileLength} bytes)."));
        }

        return dataStart;
    }

    /// <summary>The frame count the file declares (§6). <paramref name="readToEnd"/> is set for the Vicon "65535 everywhere" case.</summary>
    private static long DeclaredFrameCount(C3dParameters parameters, C3dHeader header, long fileLength, long dataStart, long frameSize,
        List<C3dWarning>? warnings, out bool readToEnd)
    {
        readToEnd = false;
        var framesParameter = parameters.Find("POINT:FRAMES");
        if (framesParameter?.GetUnsignedNumber() is not { } declaredValue || declaredValue < 0)
        {
            warnings?.Add(new C3dWarning("FramesMissing", 8, "POINT:FRAMES is missing; the header's first and last frame numbers give the count."));
            return header.LastFrame >= header.FirstFrame ? header.LastFrame - header.FirstFrame + 1 : 0;
        }

        var declared = (long)Math.Min(declaredValue, uint.MaxValue);
        if (declared != 65535)
        {
            return declared;
        }

        long? longFrames = parameters.Find("POINT:LONG_FRAMES")?.GetNumber() is { } lf && double.IsFinite(lf) && lf > 0
            ? (long)Math.Min(Math.Round(lf), uint.MaxValue)
            : null;
        long? trialFrames = null;
        var startField = parameters.Find("TRIAL:ACTUAL_START_FIELD");
        var endField = parameters.Find("TRIAL:ACTUAL_END_FIELD");
        if (startField?.GetUnsignedNumber(0) is { } s0 && endField?.GetUnsignedNumber(0) is { } e0)
        {
            // low word + high word · 65536 (the c3d.org page's "65535" is a typo, guide §6).
            var start = (long)s0 + ((long)(startField.GetUnsignedNumber(1) ?? 0) * 65536);
            var end = (long)e0 + ((long)(endField.GetUnsignedNumber(1) ?? 0) * 65536);
            if (end - start + 1 > 0)
            {
                trialFrames = end - start + 1;
            }
        }

        if (longFrames is { } l && trialFrames is { } t && l != t)
        {
            var fits = frameSize > 0 && dataStart >= 0 && dataStart + (t * frameSize) <= fileLength && dataStart + (l * frameSize) > fileLength;
            var chosen = fits ? t : l;
            warnings?.Add(new C3dWarning("LongFrameCountsDisagree", -1,
                $"POINT:LONG_FRAMES says {l} frames, TRIAL:ACTUAL_START/END_FIELD say {t}; {chosen} is used."));
            return chosen;
        }

        if (longFrames is not null || trialFrames is not null)
        {
            return longFrames ?? trialFrames!.Value;
        }

        readToEnd = parameters.FindGroup("ROTATION") is null;
        return 65535;
    }
}
