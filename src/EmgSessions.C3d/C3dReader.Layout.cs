using System.Globalization;

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

    private static (C3dInfo Info, DataLayout Layout) ReadInfo(ReadOnlySpan<byte> file, long fileLength)
    {
        if (fileLength < C3dHeader.Size || file.Length < C3dHeader.Size)
        {
            throw new C3dFormatException(0, $"the file is {fileLength} bytes long, shorter than the 512-byte header");
        }

        var parameterBlock = file[0];
        if (parameterBlock < 2)
        {
            throw new C3dFormatException(0, $"header byte 0 puts the parameter section in block {parameterBlock}; it must be 2 or later");
        }

        var sectionStart = (parameterBlock - 1) * 512L;
        if (sectionStart + 4 > file.Length)
        {
            throw new C3dFormatException(0, $"header byte 0 puts the parameter section at byte {sectionStart}, beyond the end of the file ({fileLength} bytes)");
        }

        var processorByte = file[(int)sectionStart + 3];
        if (!NumberFormat.IsKnown(processorByte))
        {
            throw new C3dFormatException(sectionStart + 3,
                $"unsupported processor type {processorByte} in the parameter section (expected 84 Intel, 85 DEC or 86 MIPS)");
        }

        var warnings = new List<C3dWarning>();
        var format = new NumberFormat((C3dProcessor)processorByte);
        var header = C3dHeader.Parse(file, format);
        var headerDataStart = header.DataStartBlock >= 1 ? (header.DataStartBlock - 1) * 512L : 0;
        var section = ParameterSection.Parse(file, sectionStart, headerDataStart, format, warnings);
        var parameters = section.Parameters;

        // Scale and storage (§5): POINT:SCALE, else the header scale.
        var scale = (double)header.Scale;
        if (parameters.Find("POINT:SCALE")?.GetNumber() is { } scaleParameter && double.IsFinite(scaleParameter) && scaleParameter != 0)
        {
            if (scaleParameter != header.Scale)
            {
                warnings.Add(new C3dWarning("ScaleDisagrees", 12, string.Create(CultureInfo.InvariantCulture,
                    $"The header's point scale is {header.Scale:R} but POINT:SCALE is {scaleParameter:R}; POINT:SCALE is used.")));
            }

            scale = scaleParameter;
        }
        else if (!double.IsFinite(scale) || scale == 0)
        {
            warnings.Add(new C3dWarning("ScaleMissing", 12, "Neither POINT:SCALE nor the header gives a usable scale; float storage is assumed."));
            scale = -1;
        }

        var storage = scale < 0 ? C3dStorage.Float : C3dStorage.Integer;
        var valueSize = storage == C3dStorage.Float ? 4 : 2;

        // Rates (§9): POINT:RATE, else the header rate.
        var pointRate = 0.0;
        if (parameters.Find("POINT:RATE")?.GetNumber() is { } rate && double.IsFinite(rate) && rate > 0)
        {
            pointRate = rate;
        }
        else if (double.IsFinite(header.FrameRate) && header.FrameRate > 0)
        {
            pointRate = header.FrameRate;
        }
        else
        {
            warnings.Add(new C3dWarning("RateMissing", 20, "No usable frame rate in POINT:RATE or the header: the file is untimed."));
        }

        // Points, channels and samples per frame (§7).
        var headerPoints = header.PointCount;
        var pointCount = CountParameter(parameters, "POINT:USED") ?? headerPoints;
        var samplesPerFrame = header.AnalogSamplesPerFrame;
        var analogRateParameter = parameters.Find("ANALOG:RATE")?.GetNumber();
        if (samplesPerFrame == 0 && header.AnalogValuesPerFrame > 0 && pointRate > 0 && analogRateParameter is { } ar && ar > 0)
        {
            samplesPerFrame = (int)Math.Round(ar / pointRate);
            warnings.Add(new C3dWarning("SamplesPerFrameDerived", 18, $"Header word 10 is 0; {samplesPerFrame} analog samples per frame derived from ANALOG:RATE / POINT:RATE."));
        }

        var headerChannels = samplesPerFrame > 0 ? header.AnalogValuesPerFrame / samplesPerFrame : 0;
        var analogCount = CountParameter(parameters, "ANALOG:USED") ?? headerChannels;
        if (samplesPerFrame == 0)
        {
            analogCount = 0;
        }

        var provisionalFrames = DeclaredFrameCount(parameters, header, fileLength, -1, 0, warnings: null, out _);
        if (pointCount != headerPoints || analogCount * samplesPerFrame != header.AnalogValuesPerFrame)
        {
            (pointCount, analogCount) = ChooseCounts(pointCount, analogCount, headerPoints, headerChannels, samplesPerFrame, valueSize,
                headerDataStart, provisionalFrames, fileLength, warnings);
        }

        var frameSize = ((4L * pointCount) + ((long)analogCount * samplesPerFrame)) * valueSize;

        if (analogCount > 0 && pointRate > 0 && analogRateParameter is { } declaredAnalogRate && double.IsFinite(declaredAnalogRate)
            && Math.Abs(declaredAnalogRate - (pointRate * samplesPerFrame)) > 1e-3 * declaredAnalogRate)
        {
            warnings.Add(new C3dWarning("AnalogRateMismatch", 18,
                $"ANALOG:RATE {declaredAnalogRate} differs from POINT:RATE × samples per frame = {pointRate * samplesPerFrame}; the latter is used."));
        }

        // Data start (§5): header word 9 or POINT:DATA_START, whichever lies after the parameters and leaves room for the frames.
        var dataStart = ChooseDataStart(parameters, header, parameterBlock, section.End, frameSize, provisionalFrames, fileLength, warnings);

        // A count whose single frame would not fit in the whole file is noise (a damaged word): drop it rather than
        // describe thousands of channels that hold no data. Checked before anything per channel is allocated.
        var dropped = false;
        if ((long)analogCount * samplesPerFrame * valueSize > fileLength)
        {
            warnings.Add(new C3dWarning("AnalogCountImplausible", 4, $"{analogCount} channels × {samplesPerFrame} samples do not fit in a {fileLength}-byte file; no analog data is read."));
            analogCount = 0;
            dropped = true;
        }

        if (4L * pointCount * valueSize > fileLength)
        {
            warnings.Add(new C3dWarning("PointCountImplausible", 2, $"{pointCount} points do not fit in a {fileLength}-byte file; no points are read."));
            pointCount = 0;
            dropped = true;
        }

        if (dropped)
        {
            frameSize = ((4L * pointCount) + ((long)analogCount * samplesPerFrame)) * valueSize;
        }

        // Frame count (§6), clamped to the data present.
        var declared = DeclaredFrameCount(parameters, header, fileLength, dataStart, frameSize, warnings, out var readToEnd);
        var available = frameSize > 0 ? Math.Max(0, (fileLength - dataStart) / frameSize) : declared;
        var frames = declared;
        if (readToEnd && available > declared)
        {
            warnings.Add(new C3dWarning("FrameCountFromFileSize", dataStart,
                $"POINT:FRAMES is 65535 and nothing else gives the count; the {available} frames present are read."));
            frames = available;
        }
        else if (declared > available)
        {
            warnings.Add(new C3dWarning("FrameCountClamped", dataStart,
                $"The parameters declare {declared} frames but the file holds only {available} complete frames of {frameSize} bytes."));
            frames = available;
        }
        else if (available > declared && fileLength - (dataStart + (declared * frameSize)) >= 512
            && !IsZeroTail(file, fileLength, dataStart + (declared * frameSize)))
        {
            // Less than a block of extra bytes, or any number of zero bytes, is padding, not frames.
            warnings.Add(new C3dWarning("ExtraFramesIgnored", dataStart + (declared * frameSize),
                $"{available - declared} complete frames follow the {declared} declared ones; they are not read."));
        }

        // Labels, units and analog scaling (§7, §8).
        var pointLabels = ReadStrings(parameters, "POINT", "LABELS", pointCount, "Point", warnings);
        var analogLabels = ReadStrings(parameters, "ANALOG", "LABELS", analogCount, "Channel", warnings);
        var analogUnits = ReadStrings(parameters, "ANALOG", "UNITS", analogCount, null, null);
        var formatText = parameters.Find("ANALOG:FORMAT")?.GetString();
        var analogUnsigned = string.Equals(formatText?.Trim(), "UNSIGNED", StringComparison.OrdinalIgnoreCase);
        var (offsets, scales, generalScale) = ReadAnalogScaling(parameters, analogCount, formatText is not null, analogUnsigned, warnings);
        var factors = new double[analogCount];
        for (var c = 0; c < analogCount; c++)
        {
            factors[c] = scales[c] * generalScale;
        }

        // Events (§8).
        var events = C3dHeader.ParseEvents(file, format, header.EventCount);
        var flags = new List<byte>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            flags.Add(file[376 + i]);
        }

        events.AddRange(ReadEventGroup(parameters, warnings));

        var firstFrame = header.FirstFrame == 0 ? 0 : header.FirstFrame - 1;
        var lastFrame = header.FirstFrame == 0 ? header.LastFrame : header.LastFrame - 1;
        if (frames > 65535 || lastFrame < firstFrame)
        {
            lastFrame = (int)Math.Min(int.MaxValue, firstFrame + frames - 1);
        }

        var info = new C3dInfo
        {
            Processor = format.Processor,
            Storage = storage,
            PointCount = pointCount,
            PointRate = pointRate,
            FirstFrame = firstFrame,
            LastFrame = lastFrame,
            FrameCount = frames,
            DeclaredFrameCount = declared,
            AnalogCount = analogCount,
            AnalogSamplesPerFrame = analogCount > 0 ? samplesPerFrame : 0,
            AnalogRate = analogCount > 0 ? pointRate * samplesPerFrame : 0,
            AnalogSamplesPerChannel = analogCount > 0 ? frames * samplesPerFrame : 0,
            DurationSeconds = pointRate > 0 ? frames / pointRate : 0,
            PointLabels = pointLabels,
            AnalogLabels = analogLabels,
            AnalogUnits = analogUnits,
            PointUnits = parameters.Find("POINT:UNITS")?.GetString() ?? "",
            PointScale = scale,
            AnalogScales = scales,
            AnalogOffsets = offsets,
            AnalogGeneralScale = generalScale,
            AnalogUnsigned = analogUnsigned,
            Parameters = parameters,
            Events = events,
            Warnings = warnings,
            FileLength = fileLength,
            DataStart = dataStart,
            FrameSize = frameSize,
            ParameterBlock = parameterBlock,
            HeaderFirstFrameNumber = header.FirstFrame,
            HeaderLastFrameNumber = header.LastFrame,
            MaxInterpolationGap = header.MaxInterpolationGap,
            HeaderEventFlags = flags,
        };
        var layout = new DataLayout(format, storage, dataStart, frameSize, frames, pointCount, analogCount, samplesPerFrame,
            Math.Abs(scale), analogUnsigned, offsets, factors, warnings);
        return (info, layout);
    }

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
