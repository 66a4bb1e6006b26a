using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EmgSessions.C3d;

/// <summary>
/// Writes Intel C3D files (float storage by default): points, analog channels, header events and any parameters
/// (guide §10). Frame counts above 65535 are written as POINT:FRAMES = 65535 (INT16) with POINT:LONG_FRAMES and
/// TRIAL:ACTUAL_START_FIELD/ACTUAL_END_FIELD. Parameters set with <see cref="SetParameter"/> replace the generated
/// ones, except the layout parameters the writer owns (USED, SCALE, RATE, DATA_START, FRAMES, LONG_FRAMES).
/// </summary>
public sealed partial class C3dWriter
{
    private readonly List<PointTrack> _points = [];
    private readonly List<AnalogChannel> _channels = [];
    private readonly List<(string Label, float Time, byte Flag)> _events = [];
    private readonly List<C3dParameter> _parameters = [];
    private readonly Dictionary<string, (string Description, bool Locked)> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _groupOrder = [];
    private long? _frameCount;

    /// <param name="pointRate">Frame rate in Hz (POINT:RATE), positive.</param>
    /// <param name="analogSamplesPerFrame">Analog samples per channel per frame (header word 10), 1–65535.</param>
    public C3dWriter(double pointRate, int analogSamplesPerFrame = 1)
    {
        if (!double.IsFinite(pointRate) || pointRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pointRate), pointRate, "The frame rate must be a positive number.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(analogSamplesPerFrame, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(analogSamplesPerFrame, ushort.MaxValue);
        PointRate = pointRate;
        AnalogSamplesPerFrame = analogSamplesPerFrame;
    }

    public double PointRate { get; }

    public int AnalogSamplesPerFrame { get; }

    /// <summary>Float (default, guide §10) or 16-bit integers (used to rewrite integer files without loss).</summary>
    public C3dStorage Storage { get; set; } = C3dStorage.Float;

    /// <summary>Header word 4: the raw number of the first frame (default 1).</summary>
    public int FirstFrameNumber { get; set; } = 1;

    /// <summary>Header word 6.</summary>
    public int MaxInterpolationGap { get; set; }

    /// <summary>|POINT:SCALE|; by default max |coordinate| / 32000 (1 without points). Residuals are stored in these units.</summary>
    public double? PointScale { get; set; }

    /// <summary>POINT:UNITS written for new files.</summary>
    public string PointUnits { get; set; } = "mm";

    /// <summary>ANALOG:GEN_SCALE used to encode the analog values.</summary>
    public double AnalogGeneralScale { get; set; } = 1;

    /// <summary>
    /// When true (default), the guide's minimum parameter set is written (DESCRIPTIONS, UNITS, ANALOG:FORMAT, BITS,
    /// FORCE_PLATFORM:USED…). <see cref="FromRecording"/> turns it off so a rewrite keeps exactly the file's parameters.
    /// </summary>
    public bool WriteStandardParameters { get; set; } = true;

    /// <summary>Frames to write: the points' length, else the analog length / samples per frame, else <see cref="SetFrameCount"/>.</summary>
    public long FrameCount => _frameCount
        ?? (_points.Count > 0 ? _points[0].X.Length
            : _channels.Count > 0 ? _channels[0].Samples.Length / AnalogSamplesPerFrame : 0);

    /// <summary>Sets the frame count for a file with neither points nor analog channels.</summary>
    public C3dWriter SetFrameCount(long frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        _frameCount = frames;
        return this;
    }

    /// <summary>Adds a point. Residuals: negative marks the point invalid in that frame (default 0: modelled); masks: bit 0 = camera 1.</summary>
    public C3dWriter AddPoint(string label, double[] x, double[] y, double[] z, double[]? residuals = null, byte[]? cameraMasks = null, string description = "")
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(z);
        if (y.Length != x.Length || z.Length != x.Length || (residuals is not null && residuals.Length != x.Length)
            || (cameraMasks is not null && cameraMasks.Length != x.Length))
        {
            throw new ArgumentException($"Point {label}: x, y, z, residuals and camera masks must have the same length.", nameof(x));
        }

        _points.Add(new PointTrack(label, x, y, z, residuals, cameraMasks, description ?? ""));
        return this;
    }

    /// <summary>Adds an analog channel of scaled values; they are stored as value / (scale × gen_scale) + offset.</summary>
    public C3dWriter AddAnalog(string label, double[] samples, string units = "V", double scale = 1, double offset = 0, string description = "")
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(samples);
        if (!double.IsFinite(scale) || !double.IsFinite(offset))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "Scale and offset must be finite.");
        }

        _channels.Add(new AnalogChannel(label, samples, units ?? "", scale, offset, description ?? ""));
        return this;
    }

    /// <summary>Adds or replaces a parameter (any group; the group is created when missing).</summary>
    public C3dWriter SetParameter(C3dParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        _parameters.RemoveAll(p => string.Equals(p.FullName, parameter.FullName, StringComparison.OrdinalIgnoreCase));
        _parameters.Add(parameter);
        return this;
    }

    /// <summary>Sets a group's description and lock flag (the group is created when missing).</summary>
    public C3dWriter SetGroup(string name, string description, bool locked = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.ToUpperInvariant();
        if (!_groups.ContainsKey(key))
        {
            _groupOrder.Add(key);
        }

        _groups[key] = (description ?? "", locked);
        return this;
    }

    /// <summary>Adds a header event (at most 18; labels are cut to 4 characters).</summary>
    public C3dWriter AddEvent(string label, double timeSeconds, bool displayed = true)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (_events.Count == C3dHeader.MaxEvents)
        {
            throw new InvalidOperationException("The header holds at most 18 events; use the EVENT group for more.");
        }

        _events.Add((label, (float)timeSeconds, displayed ? (byte)1 : (byte)0));
        return this;
    }

    /// <summary>Builds the file.</summary>
    public byte[] ToArray()
    {
        var frames = CheckShapes();
        var scale = ChoosePointScale();
        var signedScale = Storage == C3dStorage.Float ? -scale : scale;
        var valueSize = Storage == C3dStorage.Float ? 4 : 2;
        var frameSize = ((4L * _points.Count) + ((long)_channels.Count * AnalogSamplesPerFrame)) * valueSize;

        // The parameter section's size fixes DATA_START, which is itself a parameter: encode once to measure it.
        var section = EncodeParameters(frames, signedScale, dataStartBlock: 0);
        var parameterBlocks = (section.Length + 511) / 512;
        var dataStartBlock = 2 + parameterBlocks;
        if (parameterBlocks > 255 || dataStartBlock > ushort.MaxValue)
        {
            throw new InvalidOperationException("The parameters need more than 255 blocks.");
        }

        section = EncodeParameters(frames, signedScale, dataStartBlock);
        var dataStart = (dataStartBlock - 1) * 512L;
        var dataLength = frames * frameSize;
        var total = dataStart + (((dataLength + 511) / 512) * 512);
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"The file would be {total} bytes, more than an array can hold.");
        }

        var file = new byte[total];
        WriteHeader(file, frames, signedScale, dataStartBlock);
        file[512] = 1;
        file[513] = 0x50;
        file[514] = (byte)parameterBlocks;
        file[515] = (byte)C3dProcessor.Intel;
        section.CopyTo(file.AsSpan(516));
        WriteData(file.AsSpan((int)dataStart, (int)dataLength), frames, scale);
        return file;
    }

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToArray());
    }

    private long CheckShapes()
    {
        var frames = FrameCount;
        foreach (var point in _points)
        {
            if (point.X.Length != frames)
            {
                throw new InvalidOperationException($"Point {point.Label} has {point.X.Length} frames, the file {frames}.");
            }
        }

        foreach (var channel in _channels)
        {
            if (channel.Samples.Length != frames * AnalogSamplesPerFrame)
            {
                throw new InvalidOperationException(
                    $"Channel {channel.Label} has {channel.Samples.Length} samples; {frames} frames × {AnalogSamplesPerFrame} need {frames * AnalogSamplesPerFrame}.");
            }
        }

        if (_points.Count > ushort.MaxValue || _channels.Count > ushort.MaxValue)
        {
            throw new InvalidOperationException("At most 65535 points and 65535 channels.");
        }

        return frames;
    }

    private double ChoosePointScale()
    {
        if (PointScale is { } s)
        {
            if (!double.IsFinite(s) || s == 0)
            {
                throw new InvalidOperationException("PointScale must be a finite, non-zero number.");
            }

            return Math.Abs(s);
        }

        var max = 0.0;
        foreach (var point in _points)
        {
            max = Math.Max(max, MaxAbs(point.X));
            max = Math.Max(max, MaxAbs(point.Y));
            max = Math.Max(max, MaxAbs(point.Z));
        }

        return max > 0 ? (float)(max / 32000) : 1.0;
    }

    private static double MaxAbs(double[] values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                max = Math.Max(max, Math.Abs(v));
            }
        }

        return max;
    }

    private void WriteHeader(Span<byte> file, long frames, double signedScale, int dataStartBlock)
    {
        file[0] = 2;
        file[1] = 0x50;
        BinaryPrimitives.WriteUInt16LittleEndian(file[2..], (ushort)_points.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(file[4..], (ushort)Math.Min(ushort.MaxValue, (long)_channels.Count * AnalogSamplesPerFrame));
        BinaryPrimitives.WriteUInt16LittleEndian(file[6..], (ushort)Math.Clamp(FirstFrameNumber, 0, ushort.MaxValue));
        var last = frames == 0 ? FirstFrameNumber : FirstFrameNumber + frames - 1;
        BinaryPrimitives.WriteUInt16LittleEndian(file[8..], (ushort)Math.Clamp(last, 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(file[10..], (ushort)Math.Clamp(MaxInterpolationGap, 0, ushort.MaxValue));
        BinaryPrimitives.WriteSingleLittleEndian(file[12..], (float)signedScale);
        BinaryPrimitives.WriteUInt16LittleEndian(file[16..], (ushort)dataStartBlock);
        BinaryPrimitives.WriteUInt16LittleEndian(file[18..], (ushort)AnalogSamplesPerFrame);
        BinaryPrimitives.WriteSingleLittleEndian(file[20..], (float)PointRate);
        BinaryPrimitives.WriteUInt16LittleEndian(file[298..], 12345);
        BinaryPrimitives.WriteInt16LittleEndian(file[300..], (short)_events.Count);
        for (var i = 0; i < _events.Count; i++)
        {
            var (label, time, flag) = _events[i];
            BinaryPrimitives.WriteSingleLittleEndian(file[(304 + (4 * i))..], time);
            file[376 + i] = flag;
            var labelBytes = file.Slice(396 + (4 * i), 4);
            labelBytes.Fill((byte)' ');
            Encoding.Latin1.GetBytes(label.Length > 4 ? label[..4] : label, labelBytes);
        }
    }

    private sealed record PointTrack(string Label, double[] X, double[] Y, double[] Z, double[]? Residuals, byte[]? CameraMasks, string Description);

    private sealed record AnalogChannel(string Label, double[] Samples, string Units, double Scale, double Offset, string Description);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool LittleEndianHost => BitConverter.IsLittleEndian;

    private static Span<float> AsFloats(Span<byte> bytes) => MemoryMarshal.Cast<byte, float>(bytes);
}
