using System.Buffers.Binary;
using System.Text;

namespace EmgSessions.C3d;

public sealed partial class C3dWriter
{
    private const int MaxPerParameter = 255;

    private byte[] EncodeParameters(long frames, double signedScale, int dataStartBlock)
    {
        var (generated, owned) = GenerateParameters(frames, signedScale, dataStartBlock);
        var final = new List<C3dParameter>(_parameters.Count + generated.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var generatedByName = generated.ToDictionary(p => p.FullName, StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in _parameters)
        {
            var chosen = owned.Contains(parameter.FullName) && generatedByName.TryGetValue(parameter.FullName, out var g) ? g : parameter;
            final.Add(chosen);
            names.Add(chosen.FullName);
        }

        foreach (var parameter in generated)
        {
            if (names.Add(parameter.FullName))
            {
                final.Add(parameter);
            }
        }

        var groupOrder = new List<string>(_groupOrder);
        foreach (var parameter in generated.Concat(final))
        {
            if (!groupOrder.Contains(parameter.Group, StringComparer.OrdinalIgnoreCase))
            {
                groupOrder.Add(parameter.Group);
            }
        }

        using var buffer = new MemoryStream();
        for (var g = 0; g < groupOrder.Count; g++)
        {
            var group = groupOrder[g];
            var id = g + 1;
            var (description, locked) = _groups.TryGetValue(group, out var meta) ? meta : ("", false);
            WriteGroupRecord(buffer, group, id, description, locked);
            foreach (var parameter in final.Where(p => string.Equals(p.Group, group, StringComparison.OrdinalIgnoreCase)))
            {
                WriteParameterRecord(buffer, parameter, id);
            }
        }

        // The last record's 'next' is 0; the zero padding that follows also ends the chain for readers that look for it.
        var bytes = buffer.ToArray();
        if (bytes.Length > 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(_lastNextField), 0);
        }

        // 4 bytes of section header precede the records.
        var padded = new byte[bytes.Length + 4 <= 512 ? 508 : (((bytes.Length + 4 + 511) / 512) * 512) - 4];
        bytes.CopyTo(padded, 0);
        return padded;
    }

    private int _lastNextField;

    private void WriteGroupRecord(MemoryStream buffer, string name, int id, string description, bool locked)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name.ToUpperInvariant());
        var descriptionBytes = Truncate(description);
        buffer.WriteByte((byte)(sbyte)(locked ? -nameBytes.Length : nameBytes.Length));
        buffer.WriteByte((byte)(sbyte)-id);
        buffer.Write(nameBytes);
        _lastNextField = (int)buffer.Position;
        WriteUInt16(buffer, (ushort)(2 + 1 + descriptionBytes.Length));
        buffer.WriteByte((byte)descriptionBytes.Length);
        buffer.Write(descriptionBytes);
    }

    private void WriteParameterRecord(MemoryStream buffer, C3dParameter parameter, int groupId)
    {
        var nameBytes = Encoding.ASCII.GetBytes(parameter.Name.ToUpperInvariant());
        var descriptionBytes = Truncate(parameter.Description);
        var data = parameter.IntelData;
        buffer.WriteByte((byte)(sbyte)(parameter.Locked ? -nameBytes.Length : nameBytes.Length));
        buffer.WriteByte((byte)groupId);
        buffer.Write(nameBytes);
        _lastNextField = (int)buffer.Position;
        WriteUInt16(buffer, (ushort)(2 + 1 + 1 + parameter.Dimensions.Count + data.Length + 1 + descriptionBytes.Length));
        buffer.WriteByte((byte)(sbyte)(int)parameter.Type);
        buffer.WriteByte((byte)parameter.Dimensions.Count);
        foreach (var d in parameter.Dimensions)
        {
            buffer.WriteByte((byte)d);
        }

        buffer.Write(data);
        buffer.WriteByte((byte)descriptionBytes.Length);
        buffer.Write(descriptionBytes);
    }

    private static void WriteUInt16(MemoryStream buffer, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        buffer.Write(bytes);
    }

    private static byte[] Truncate(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text ?? "");
        return bytes.Length <= 255 ? bytes : bytes[..255];
    }

    /// <summary>The writer's own parameters, and the names among them that replace user-supplied ones.</summary>
    private (List<C3dParameter> Generated, HashSet<string> Owned) GenerateParameters(long frames, double signedScale, int dataStartBlock)
    {
        var list = new List<C3dParameter>();
        var owned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var standard = WriteStandardParameters;
        bool UserHasGroup(string group) => _parameters.Any(p => string.Equals(p.Group, group, StringComparison.OrdinalIgnoreCase));
        void Own(C3dParameter parameter)
        {
            list.Add(parameter);
            owned.Add(parameter.FullName);
        }

        var longCount = frames >= ushort.MaxValue;
        Own(C3dParameter.FromInt16s("POINT", "USED", [unchecked((short)(ushort)_points.Count)], [], locked: true));
        if (_points.Count > 0 || standard)
        {
            AddStrings(list, "POINT", "LABELS", _points.Select(p => p.Label).ToArray());
        }

        if (standard)
        {
            AddStrings(list, "POINT", "DESCRIPTIONS", _points.Select(p => p.Description).ToArray());
            list.Add(C3dParameter.FromString("POINT", "UNITS", PointUnits));
        }

        Own(C3dParameter.FromFloats("POINT", "SCALE", [(float)signedScale], [], locked: true));
        Own(C3dParameter.FromFloats("POINT", "RATE", [(float)PointRate], [], locked: true));
        Own(C3dParameter.FromInt16s("POINT", "DATA_START", [unchecked((short)(ushort)dataStartBlock)], [], locked: true));
        Own(C3dParameter.FromInt16s("POINT", "FRAMES", [unchecked((short)(ushort)Math.Min(frames, ushort.MaxValue))], [], locked: true));
        if (longCount)
        {
            Own(C3dParameter.FromFloats("POINT", "LONG_FRAMES", [(float)frames], []));
            var start = (long)Math.Max(0, FirstFrameNumber);
            var end = start + frames - 1;
            Own(C3dParameter.FromInt16s("TRIAL", "ACTUAL_START_FIELD", [unchecked((short)(ushort)(start & 0xFFFF)), unchecked((short)(ushort)(start >> 16))]));
            Own(C3dParameter.FromInt16s("TRIAL", "ACTUAL_END_FIELD", [unchecked((short)(ushort)(end & 0xFFFF)), unchecked((short)(ushort)(end >> 16))]));
        }

        if (_channels.Count > 0 || standard || UserHasGroup("ANALOG"))
        {
            Own(C3dParameter.FromInt16s("ANALOG", "USED", [unchecked((short)(ushort)_channels.Count)], [], locked: true));
            if (_channels.Count > 0 || standard)
            {
                AddStrings(list, "ANALOG", "LABELS", _channels.Select(c => c.Label).ToArray());
            }

            if (standard)
            {
                AddStrings(list, "ANALOG", "DESCRIPTIONS", _channels.Select(c => c.Description).ToArray());
                AddStrings(list, "ANALOG", "UNITS", _channels.Select(c => c.Units).ToArray());
            }

            if (_channels.Count > 0 || standard)
            {
                AddChunks(list, "ANALOG", "SCALE", _channels.Count, range =>
                    C3dParameter.FromFloats("ANALOG", "SCALE", _channels[range].Select(c => (float)c.Scale).ToArray()));
                var integerOffsets = _channels.All(c => c.Offset == Math.Round(c.Offset) && c.Offset is >= short.MinValue and <= short.MaxValue);
                AddChunks(list, "ANALOG", "OFFSET", _channels.Count, range => integerOffsets
                    ? C3dParameter.FromInt16s("ANALOG", "OFFSET", _channels[range].Select(c => (short)c.Offset).ToArray())
                    : C3dParameter.FromFloats("ANALOG", "OFFSET", _channels[range].Select(c => (float)c.Offset).ToArray()));
                list.Add(C3dParameter.FromFloats("ANALOG", "GEN_SCALE", [(float)AnalogGeneralScale], []));
            }

            Own(C3dParameter.FromFloats("ANALOG", "RATE", [(float)(PointRate * AnalogSamplesPerFrame)], [], locked: true));
            if (standard)
            {
                list.Add(C3dParameter.FromString("ANALOG", "FORMAT", "SIGNED"));
                list.Add(C3dParameter.FromInt16s("ANALOG", "BITS", [16], []));
            }
        }

        if (standard && !UserHasGroup("FORCE_PLATFORM"))
        {
            list.Add(C3dParameter.FromInt16s("FORCE_PLATFORM", "USED", [0], []));
        }

        return (list, owned);
    }

    /// <summary>CHAR arrays of more than 255 entries continue in NAME2, NAME3… (guide §8).</summary>
    private static void AddStrings(List<C3dParameter> list, string group, string name, string[] values) =>
        AddChunks(list, group, name, values.Length, range => C3dParameter.FromStrings(group, name, values[range]));

    private static void AddChunks(List<C3dParameter> list, string group, string name, int count, Func<Range, C3dParameter> make)
    {
        var part = 1;
        var start = 0;
        do
        {
            var end = Math.Min(count, start + MaxPerParameter);
            var parameter = make(start..end);
            if (part > 1)
            {
                parameter = new C3dParameter(group, name + Number(part), parameter.Type, parameter.Dimensions.ToArray(), parameter.IntelData.ToArray(),
                    parameter.Description, parameter.Locked);
            }

            list.Add(parameter);
            start = end;
            part++;
        }
        while (start < count);
    }
}
