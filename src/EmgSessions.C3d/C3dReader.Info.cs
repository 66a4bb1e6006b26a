using System.Globalization;

namespace EmgSessions.C3d;

public static partial class C3dReader
{
    /// <summary>How one frame is laid out: points, analog channels, analog samples per frame, bytes per value.</summary>
    private readonly record struct FrameShape(int Points, int Channels, int SamplesPerFrame, int ValueSize)
    {
        public long FrameSize => ((4L * Points) + ((long)Channels * SamplesPerFrame)) * ValueSize;
    }

    /// <summary>What the analog parameters say about the channels (§7, §8).</summary>
    private sealed record AnalogDescription(
        string[] Labels, string[] Units, bool Unsigned, double[] Offsets, double[] Scales, double GeneralScale, double[] Factors);

    /// <summary>
    /// The header and parameters read into a <see cref="C3dInfo"/>, and the layout the data decoder follows. Each step
    /// below decides one thing; the order of the steps is the order of the warnings.
    /// </summary>
    private static (C3dInfo Info, DataLayout Layout) ReadInfo(ReadOnlySpan<byte> file, long fileLength)
    {
        var (parameterBlock, sectionStart, format) = LocateParameters(file, fileLength);
        var warnings = new List<C3dWarning>();
        var header = C3dHeader.Parse(file, format);
        var headerDataStart = header.DataStartBlock >= 1 ? (header.DataStartBlock - 1) * 512L : 0;
        var section = ParameterSection.Parse(file, sectionStart, headerDataStart, format, warnings);
        var parameters = section.Parameters;

        var scale = ChooseScale(parameters, header, warnings);
        var storage = scale < 0 ? C3dStorage.Float : C3dStorage.Integer;
        var pointRate = ChoosePointRate(parameters, header, warnings);
        var provisionalFrames = DeclaredFrameCount(parameters, header, fileLength, -1, 0, warnings: null, out _);
        var shape = ChooseFrameShape(parameters, header, storage == C3dStorage.Float ? 4 : 2, pointRate, headerDataStart, provisionalFrames, fileLength, warnings);
        WarnOfAnalogRateMismatch(parameters, shape, pointRate, warnings);
        var dataStart = ChooseDataStart(parameters, header, parameterBlock, section.End, shape.FrameSize, provisionalFrames, fileLength, warnings);
        shape = DropImplausibleCounts(shape, fileLength, warnings);
        var (frames, declared) = ChooseFrameCount(file, parameters, header, fileLength, dataStart, shape.FrameSize, warnings);

        var pointLabels = ReadStrings(parameters, "POINT", "LABELS", shape.Points, "Point", warnings);
        var analog = ReadAnalogDescription(parameters, shape.Channels, warnings);
        var (events, flags) = ReadEvents(file, format, header, parameters, warnings);
        var (firstFrame, lastFrame) = FrameNumbers(header, frames);

        var channels = shape.Channels;
        var samplesPerFrame = shape.SamplesPerFrame;
        var info = new C3dInfo
        {
            Processor = format.Processor,
            Storage = storage,
            PointCount = shape.Points,
            PointRate = pointRate,
            FirstFrame = firstFrame,
            LastFrame = lastFrame,
            FrameCount = frames,
            DeclaredFrameCount = declared,
            AnalogCount = channels,
            AnalogSamplesPerFrame = channels > 0 ? samplesPerFrame : 0,
            AnalogRate = channels > 0 ? pointRate * samplesPerFrame : 0,
            AnalogSamplesPerChannel = channels > 0 ? frames * samplesPerFrame : 0,
            DurationSeconds = pointRate > 0 ? frames / pointRate : 0,
            PointLabels = pointLabels,
            AnalogLabels = analog.Labels,
            AnalogUnits = analog.Units,
            PointUnits = parameters.Find("POINT:UNITS")?.GetString() ?? "",
            PointScale = scale,
            AnalogScales = analog.Scales,
            AnalogOffsets = analog.Offsets,
            AnalogGeneralScale = analog.GeneralScale,
            AnalogUnsigned = analog.Unsigned,
            Parameters = parameters,
            Events = events,
            Warnings = warnings,
            FileLength = fileLength,
            DataStart = dataStart,
            FrameSize = shape.FrameSize,
            ParameterBlock = parameterBlock,
            HeaderFirstFrameNumber = header.FirstFrame,
            HeaderLastFrameNumber = header.LastFrame,
            MaxInterpolationGap = header.MaxInterpolationGap,
            HeaderEventFlags = flags,
        };
        var layout = new DataLayout(format, storage, dataStart, shape.FrameSize, frames, shape.Points, channels, samplesPerFrame,
            Math.Abs(scale), analog.Unsigned, analog.Offsets, analog.Factors, warnings);
        return (info, layout);
    }

    /// <summary>Where the parameter section is (header byte 0) and the number format its processor byte names.</summary>
    /// <exception cref="C3dFormatException">The file is shorter than a header, or the section or its processor byte is unusable.</exception>
    private static (int ParameterBlock, long SectionStart, NumberFormat Format) LocateParameters(ReadOnlySpan<byte> file, long fileLength)
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

        return (parameterBlock, sectionStart, new NumberFormat((C3dProcessor)processorByte));
    }

    /// <summary>The point scale (§5): POINT:SCALE, else the header's; negative means float storage (-1 when neither is usable).</summary>
    private static double ChooseScale(C3dParameters parameters, C3dHeader header, List<C3dWarning> warnings)
    {
        if (parameters.Find("POINT:SCALE")?.GetNumber() is { } scaleParameter && double.IsFinite(scaleParameter) && scaleParameter != 0)
        {
            if (scaleParameter != header.Scale)
            {
                warnings.Add(new C3dWarning("ScaleDisagrees", 12, string.Create(CultureInfo.InvariantCulture,
                    $"The header's point scale is {header.Scale:R} but POINT:SCALE is {scaleParameter:R}; POINT:SCALE is used.")));
            }

            return scaleParameter;
        }

        var scale = (double)header.Scale;
        if (!double.IsFinite(scale) || scale == 0)
        {
            warnings.Add(new C3dWarning("ScaleMissing", 12, "Neither POINT:SCALE nor the header gives a usable scale; float storage is assumed."));
            return -1;
        }

        return scale;
    }

    /// <summary>The frame rate (§9): POINT:RATE, else the header's; 0 for an untimed file.</summary>
    private static double ChoosePointRate(C3dParameters parameters, C3dHeader header, List<C3dWarning> warnings)
    {
        if (parameters.Find("POINT:RATE")?.GetNumber() is { } rate && double.IsFinite(rate) && rate > 0)
        {
            return rate;
        }

        if (double.IsFinite(header.FrameRate) && header.FrameRate > 0)
        {
            return header.FrameRate;
        }

        warnings.Add(new C3dWarning("RateMissing", 20, "No usable frame rate in POINT:RATE or the header: the file is untimed."));
        return 0;
    }

    /// <summary>Points, channels and analog samples per frame (§7), the header and the parameters reconciled.</summary>
    private static FrameShape ChooseFrameShape(C3dParameters parameters, C3dHeader header, int valueSize, double pointRate,
        long headerDataStart, long provisionalFrames, long fileLength, List<C3dWarning> warnings)
    {
        var headerPoints = header.PointCount;
        var pointCount = CountParameter(parameters, "POINT:USED") ?? headerPoints;
        var samplesPerFrame = header.AnalogSamplesPerFrame;
        if (samplesPerFrame == 0 && header.AnalogValuesPerFrame > 0 && pointRate > 0 && parameters.Find("ANALOG:RATE")?.GetNumber() is { } ar && ar > 0)
        {
            samplesPerFrame = (int)Math.Round(ar / pointRate);
            warnings.Add(new C3dWarning("SamplesPerFrameDerived", 18, $"Header word 10 is 0; {samplesPerFrame} analog samples per frame derived from ANALOG:RATE / POINT:RATE."));
        }

        var headerChannels = samplesPerFrame > 0 ? header.AnalogValuesPerFrame / samplesPerFrame : 0;
        var analogCount = samplesPerFrame == 0 ? 0 : CountParameter(parameters, "ANALOG:USED") ?? headerChannels;
        if (pointCount != headerPoints || analogCount * samplesPerFrame != header.AnalogValuesPerFrame)
        {
            (pointCount, analogCount) = ChooseCounts(pointCount, analogCount, headerPoints, headerChannels, samplesPerFrame, valueSize,
                headerDataStart, provisionalFrames, fileLength, warnings);
        }

        return new FrameShape(pointCount, analogCount, samplesPerFrame, valueSize);
    }

    /// <summary>A warning when ANALOG:RATE is not POINT:RATE × samples per frame (the product is what is used).</summary>
    private static void WarnOfAnalogRateMismatch(C3dParameters parameters, FrameShape shape, double pointRate, List<C3dWarning> warnings)
    {
        var expected = pointRate * shape.SamplesPerFrame;
        if (shape.Channels > 0 && pointRate > 0 && parameters.Find("ANALOG:RATE")?.GetNumber() is { } declared && double.IsFinite(declared)
            && Math.Abs(declared - expected) > 1e-3 * declared)
        {
            warnings.Add(new C3dWarning("AnalogRateMismatch", 18,
                $"ANALOG:RATE {declared} differs from POINT:RATE × samples per frame = {expected}; the latter is used."));
        }
    }

    /// <summary>
    /// A count whose single frame would not fit in the whole file is noise (a damaged word): dropped rather than describe
    /// thousands of channels that hold no data. Checked before anything per channel is allocated.
    /// </summary>
    private static FrameShape DropImplausibleCounts(FrameShape shape, long fileLength, List<C3dWarning> warnings)
    {
        if ((long)shape.Channels * shape.SamplesPerFrame * shape.ValueSize > fileLength)
        {
            warnings.Add(new C3dWarning("AnalogCountImplausible", 4, $"{shape.Channels} channels × {shape.SamplesPerFrame} samples do not fit in a {fileLength}-byte file; no analog data is read."));
            shape = shape with { Channels = 0 };
        }

        if (4L * shape.Points * shape.ValueSize > fileLength)
        {
            warnings.Add(new C3dWarning("PointCountImplausible", 2, $"{shape.Points} points do not fit in a {fileLength}-byte file; no points are read."));
            shape = shape with { Points = 0 };
        }

        return shape;
    }

    /// <summary>The frames read (§6): the declared count, clamped to the complete frames present; and the declared count.</summary>
    private static (long Frames, long Declared) ChooseFrameCount(ReadOnlySpan<byte> file, C3dParameters parameters, C3dHeader header,
        long fileLength, long dataStart, long frameSize, List<C3dWarning> warnings)
    {
        var declared = DeclaredFrameCount(parameters, header, fileLength, dataStart, frameSize, warnings, out var readToEnd);
        var available = frameSize > 0 ? Math.Max(0, (fileLength - dataStart) / frameSize) : declared;
        if (readToEnd && available > declared)
        {
            warnings.Add(new C3dWarning("FrameCountFromFileSize", dataStart,
                $"POINT:FRAMES is 65535 and nothing else gives the count; the {available} frames present are read."));
            return (available, declared);
        }

        if (declared > available)
        {
            warnings.Add(new C3dWarning("FrameCountClamped", dataStart,
                $"The parameters declare {declared} frames but the file holds only {available} complete frames of {frameSize} bytes."));
            return (available, declared);
        }

        if (available > declared && fileLength - (dataStart + (declared * frameSize)) >= 512
            && !IsZeroTail(file, fileLength, dataStart + (declared * frameSize)))
        {
            // Less than a block of extra bytes, or any number of zero bytes, is padding, not frames.
            warnings.Add(new C3dWarning("ExtraFramesIgnored", dataStart + (declared * frameSize),
                $"{available - declared} complete frames follow the {declared} declared ones; they are not read."));
        }

        return (declared, declared);
    }

    /// <summary>Labels, units and scaling of the analog channels (§7, §8).</summary>
    private static AnalogDescription ReadAnalogDescription(C3dParameters parameters, int channels, List<C3dWarning> warnings)
    {
        var labels = ReadStrings(parameters, "ANALOG", "LABELS", channels, "Channel", warnings);
        var units = ReadStrings(parameters, "ANALOG", "UNITS", channels, null, null);
        var formatText = parameters.Find("ANALOG:FORMAT")?.GetString();
        var unsigned = string.Equals(formatText?.Trim(), "UNSIGNED", StringComparison.OrdinalIgnoreCase);
        var (offsets, scales, generalScale) = ReadAnalogScaling(parameters, channels, formatText is not null, unsigned, warnings);
        var factors = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            factors[c] = scales[c] * generalScale;
        }

        return new AnalogDescription(labels, units, unsigned, offsets, scales, generalScale, factors);
    }

    /// <summary>The header's events with their display flags (bytes 376 on), then the EVENT group's (§8).</summary>
    private static (List<C3dEvent> Events, List<byte> Flags) ReadEvents(ReadOnlySpan<byte> file, NumberFormat format, C3dHeader header,
        C3dParameters parameters, List<C3dWarning> warnings)
    {
        var events = C3dHeader.ParseEvents(file, format, header.EventCount);
        var flags = new List<byte>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            flags.Add(file[376 + i]);
        }

        events.AddRange(ReadEventGroup(parameters, warnings));
        return (events, flags);
    }

    /// <summary>First and last frame numbers, zero-based; recomputed from the count when the header's cannot hold it.</summary>
    private static (int First, int Last) FrameNumbers(C3dHeader header, long frames)
    {
        var firstFrame = header.FirstFrame == 0 ? 0 : header.FirstFrame - 1;
        var lastFrame = header.FirstFrame == 0 ? header.LastFrame : header.LastFrame - 1;
        if (frames > 65535 || lastFrame < firstFrame)
        {
            lastFrame = (int)Math.Min(int.MaxValue, firstFrame + frames - 1);
        }

        return (firstFrame, lastFrame);
    }
}
