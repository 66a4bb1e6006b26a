using System.Buffers.Binary;
using System.Text;
using EmgSessions.Analysis;
using EmgSessions.Analysis.Signals;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;

namespace EmgSessions.Core.Signals;

/// <summary>
/// The display summaries of every channel of one recording, built once from the C3D file and kept as one file
/// (<see cref="ToBytes"/>): "EMS1", the channel count, then per channel its name and up to three stored pyramids.
/// A channel is a base name as the analysis reads labels (emg-analysis.md §4.2): "CH1" from "CH1 Raw" or "CH1",
/// with "CH1 activated" as its activated signal.
/// </summary>
internal sealed class SessionSignals
{
    private const uint Magic = 0x31_53_4D_45; // "EMS1" little-endian

    private readonly Dictionary<string, ChannelSignals> _channels;

    private SessionSignals(IEnumerable<ChannelSignals> channels)
    {
        _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The channel names, in the file's order.</summary>
    public IReadOnlyList<string> ChannelNames => [.. _channels.Keys];

    /// <summary>The channel called <paramref name="name"/> (exact, then ignoring case), or null.</summary>
    public ChannelSignals? Find(string name) =>
        _channels.TryGetValue(name, out var exact)
            ? exact
            : _channels.Values.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Builds the summaries of every analog channel of <paramref name="recording"/>.</summary>
    /// <exception cref="InvalidOperationException">The recording has no analog samples or no usable analog rate.</exception>
    public static SessionSignals Build(C3dRecording recording)
    {
        var emg = EmgRecordingFactory.FromC3d(recording);
        if (emg.SamplingRate is not { } rate || emg.Channels.Count == 0 || emg.Channels[0].Length == 0)
        {
            throw new InvalidOperationException("The recording has no analog samples to show.");
        }

        var raw = new Dictionary<string, int>(StringComparer.Ordinal);
        var activated = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < emg.Channels.Count; i++)
        {
            var label = i < emg.Labels.Count && emg.Labels[i] is { } l ? l.Trim() : $"CH{i + 1}";
            if (label.EndsWith(" activated", StringComparison.Ordinal))
            {
                activated[BaseName(label)] = i;
            }
            else
            {
                raw[BaseName(label)] = i; // a repeated label: the later channel, as the analysis reads it
            }
        }

        var channels = new List<ChannelSignals>(raw.Count);
        foreach (var (name, index) in raw)
        {
            var summaries = ChannelSignalSummaries.Build(emg.Channels[index], rate);
            var active = activated.TryGetValue(name, out var a) ? SignalPyramid.Build(emg.Channels[a], rate) : null;
            channels.Add(new ChannelSignals(name, summaries.Raw, summaries.Envelope, active));
        }

        return new SessionSignals(channels);
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(_channels.Count);
        foreach (var channel in _channels.Values)
        {
            writer.Write(channel.Name);
            WritePyramid(writer, channel.Raw);
            WritePyramid(writer, channel.Envelope);
            WritePyramid(writer, channel.Activated);
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <exception cref="FormatException">The bytes are not stored signal summaries.</exception>
    public static SessionSignals FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new FormatException("These bytes are not stored signal summaries (no EMS1 marker).");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, 4, bytes.Length - 4), Encoding.UTF8);
            var count = reader.ReadInt32();
            var channels = new List<ChannelSignals>(Math.Clamp(count, 0, 256));
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var raw = ReadPyramid(reader) ?? throw new FormatException("A stored channel has no raw signal.");
                channels.Add(new ChannelSignals(name, raw, ReadPyramid(reader), ReadPyramid(reader)));
            }

            return new SessionSignals(channels);
        }
        catch (EndOfStreamException e)
        {
            throw new FormatException("The stored signal summaries are truncated.", e);
        }
    }

    private static void WritePyramid(BinaryWriter writer, SignalPyramid? pyramid)
    {
        if (pyramid is null)
        {
            writer.Write(0);
            return;
        }

        var bytes = pyramid.ToBytes();
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static SignalPyramid? ReadPyramid(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length == 0)
        {
            return null;
        }

        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? SignalPyramid.FromBytes(bytes) : throw new EndOfStreamException();
    }

    /// <summary>§4.2: the label without every " Raw", then without every " activated".</summary>
    private static string BaseName(string label) =>
        label.Replace(" Raw", string.Empty, StringComparison.Ordinal).Replace(" activated", string.Empty, StringComparison.Ordinal);
}
