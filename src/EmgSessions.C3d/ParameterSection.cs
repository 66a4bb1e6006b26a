using System.Buffers.Binary;
using System.Text;

namespace EmgSessions.C3d;

/// <summary>
/// Walks the parameter records of block P (guide §4). Every read is bounds-checked against the walk limit;
/// damaged chains end the walk with a warning and keep what was parsed.
/// </summary>
internal static class ParameterSection
{
    private const int MaxSectionBlocks = 255;

    public readonly record struct Result(C3dParameters Parameters, long End);

    private sealed record GroupRecord(int Id, string Name, string Description, bool Locked);

    /// <param name="file">The file (or at least its first blocks up to the limit).</param>
    /// <param name="sectionStart">Byte offset of block P.</param>
    /// <param name="dataStart">Byte offset of the data section according to the header (0 if unknown).</param>
    public static Result Parse(ReadOnlySpan<byte> file, long sectionStart, long dataStart, NumberFormat format, List<C3dWarning> warnings)
    {
        var declaredBlocks = file[(int)sectionStart + 2];
        var limit = Math.Max(sectionStart + (declaredBlocks * 512L), dataStart > sectionStart ? dataStart : 0);
        limit = Math.Min(limit, sectionStart + (MaxSectionBlocks * 512L));
        limit = Math.Min(limit, file.Length);

        var groups = new Dictionary<int, GroupRecord>();
        var groupOrder = new List<int>();
        var parameters = new List<(int GroupId, string Name, bool Locked, ParsedParameter Parsed)>();
        var pos = sectionStart + 4;
        var end = pos;
        while (true)
        {
            if (!IsPlausibleRecord(file, pos, limit, out var nameLength, out var id))
            {
                if (pos + 2 <= limit && file[(int)pos] != 0 && file[(int)pos + 1] != 0)
                {
                    warnings.Add(new C3dWarning("ParameterRecordInvalid", pos, "A parameter record has an invalid name; the walk stops here."));
                }

                break;
            }

            var locked = (sbyte)file[(int)pos] < 0;
            var name = Encoding.ASCII.GetString(file.Slice((int)pos + 2, nameLength));
            var nextField = pos + 2 + nameLength;
            var next = format.UInt16(file[(int)nextField..]);
            var body = nextField + 2;
            long computedEnd;
            if (id < 0)
            {
                computedEnd = ParseGroup(file, body, limit, out var description);
                if (groups.Remove(-id))
                {
                    warnings.Add(new C3dWarning("DuplicateGroup", pos, $"Group id {-id} appears twice; the last record ({name}) is kept."));
                    groupOrder.Remove(-id);
                }

                groups[-id] = new GroupRecord(-id, name.ToUpperInvariant(), description, locked);
                groupOrder.Add(-id);
            }
            else
            {
                computedEnd = ParseParameter(file, body, limit, format, out var parsed, out var problem);
                if (parsed is { } p)
                {
                    parameters.Add((id, name.ToUpperInvariant(), locked, p));
                }
                else
                {
                    warnings.Add(new C3dWarning("ParameterSkipped", pos, $"Parameter {name} (group {id}) was skipped: {problem}."));
                }
            }

            end = Math.Max(end, computedEnd);
            if (next == 0)
            {
                end = Math.Max(end, computedEnd);
                break;
            }

            var target = nextField + next;
            if (target > pos && target < limit && IsPlausibleOrEnd(file, target, limit))
            {
                pos = target;
                continue;
            }

            if (computedEnd > pos && computedEnd < limit && IsPlausibleOrEnd(file, computedEnd, limit))
            {
                warnings.Add(new C3dWarning("ParameterChainRepaired", nextField,
                    $"The 'next' pointer of {name} leads to byte {target}, which holds no record; continuing after the record's contents."));
                pos = computedEnd;
                continue;
            }

            if (target < limit || computedEnd < limit)
            {
                warnings.Add(new C3dWarning("ParameterChainBroken", nextField,
                    $"The 'next' pointer of {name} leads to byte {target}, which holds no record; the parameter walk stops."));
            }

            break;
        }

        return new Result(Assemble(groups, groupOrder, parameters, warnings), end);
    }

    private static bool IsPlausibleOrEnd(ReadOnlySpan<byte> file, long pos, long limit) =>
        file[(int)pos] == 0 || IsPlausibleRecord(file, pos, limit, out _, out _);

    private static bool IsPlausibleRecord(ReadOnlySpan<byte> file, long pos, long limit, out int nameLength, out int id)
    {
        nameLength = 0;
        id = 0;
        if (pos + 2 > limit)
        {
            return false;
        }

        nameLength = Math.Abs((int)(sbyte)file[(int)pos]);
        id = (sbyte)file[(int)pos + 1];
        if (nameLength is 0 or > 127 || id == 0 || pos + 2 + nameLength + 2 > limit)
        {
            return false;
        }

        foreach (var c in file.Slice((int)pos + 2, nameLength))
        {
            if (c is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static long ParseGroup(ReadOnlySpan<byte> file, long body, long limit, out string description)
    {
        description = "";
        if (body >= limit)
        {
            return body;
        }

        var length = file[(int)body];
        var end = body + 1 + length;
        if (end > limit)
        {
            return body + 1;
        }

        description = DecodeText(file.Slice((int)body + 1, length));
        return end;
    }

    private readonly record struct ParsedParameter(C3dParameterType Type, int[] Dimensions, byte[] Data, string Description);

    private static long ParseParameter(ReadOnlySpan<byte> file, long body, long limit, NumberFormat format, out ParsedParameter? parsed, out string problem)
    {
        parsed = null;
        if (body + 2 > limit)
        {
            problem = "the record ends before its type";
            return body;
        }

        var typeByte = (sbyte)file[(int)body];
        if (typeByte is not (-1 or 1 or 2 or 4))
        {
            problem = $"unknown type {typeByte}";
            return body;
        }

        var type = (C3dParameterType)typeByte;
        var dimensionCount = file[(int)body + 1];
        if (dimensionCount > 7)
        {
            problem = $"{dimensionCount} dimensions (at most 7)";
            return body;
        }

        var dimsStart = body + 2;
        if (dimsStart + dimensionCount > limit)
        {
            problem = "the dimensions run past the parameter section";
            return body;
        }

        var dims = new int[dimensionCount];
        long count = 1;
        for (var i = 0; i < dimensionCount; i++)
        {
            dims[i] = file[(int)dimsStart + i];
            count *= dims[i];
        }

        var size = Math.Abs(typeByte);
        var dataStart = dimsStart + dimensionCount;
        var dataLength = count * size;
        if (dataStart + dataLength > limit)
        {
            problem = $"its {dataLength} bytes of data run past the parameter section";
            return body;
        }

        var data = file.Slice((int)dataStart, (int)dataLength).ToArray();
        Normalize(data, type, format);
        var descriptionAt = dataStart + dataLength;
        var description = "";
        var end = descriptionAt;
        if (descriptionAt < limit)
        {
            var length = file[(int)descriptionAt];
            if (descriptionAt + 1 + length <= limit)
            {
                description = DecodeText(file.Slice((int)descriptionAt + 1, length));
                end = descriptionAt + 1 + length;
            }
        }

        parsed = new ParsedParameter(type, dims, data, description);
        problem = "";
        return end;
    }

    /// <summary>Converts stored values in place to Intel form (little-endian, IEEE).</summary>
    private static void Normalize(Span<byte> data, C3dParameterType type, NumberFormat format)
    {
        if (format.Processor == C3dProcessor.Intel)
        {
            return;
        }

        if (type == C3dParameterType.Int16 && format.BigEndian)
        {
            for (var i = 0; i + 2 <= data.Length; i += 2)
            {
                (data[i], data[i + 1]) = (data[i + 1], data[i]);
            }
        }
        else if (type == C3dParameterType.Float)
        {
            for (var i = 0; i + 4 <= data.Length; i += 4)
            {
                var value = format.Single(data[i..]);
                BinaryPrimitives.WriteSingleLittleEndian(data[i..], value);
            }
        }
    }

    private static string DecodeText(ReadOnlySpan<byte> bytes)
    {
        var text = System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        return text.TrimEnd(' ', '\0');
    }

    private static C3dParameters Assemble(
        Dictionary<int, GroupRecord> groups,
        List<int> groupOrder,
        List<(int GroupId, string Name, bool Locked, ParsedParameter Parsed)> parameters,
        List<C3dWarning> warnings)
    {
        var byGroup = new Dictionary<int, List<C3dParameter>>();
        var positions = new Dictionary<(int, string), int>();
        var orphanIds = new List<int>();
        foreach (var (groupId, name, locked, parsed) in parameters)
        {
            if (!byGroup.TryGetValue(groupId, out var list))
            {
                byGroup[groupId] = list = [];
                if (!groups.ContainsKey(groupId))
                {
                    orphanIds.Add(groupId);
                }
            }

            var groupName = groups.TryGetValue(groupId, out var g) ? g.Name : "";
            var named = new C3dParameter(groupName, name, parsed.Type, parsed.Dimensions, parsed.Data, parsed.Description, locked);
            if (positions.TryGetValue((groupId, named.Name), out var existing))
            {
                warnings.Add(new C3dWarning("DuplicateParameter", -1, $"Parameter {named.FullName} appears twice; the last occurrence is kept."));
                list[existing] = named;
            }
            else
            {
                positions[(groupId, named.Name)] = list.Count;
                list.Add(named);
            }
        }

        var result = new List<C3dGroup>(groupOrder.Count + orphanIds.Count);
        var seenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in groupOrder)
        {
            var group = groups[id];
            if (!seenNames.Add(group.Name))
            {
                warnings.Add(new C3dWarning("DuplicateGroupName", -1, $"Two groups are named {group.Name}; lookups by name find the last one."));
            }

            result.Add(new C3dGroup(group.Name, id, group.Description, group.Locked, byGroup.TryGetValue(id, out var list) ? list : []));
        }

        foreach (var id in orphanIds)
        {
            warnings.Add(new C3dWarning("ParameterWithoutGroup", -1, $"Parameters of group id {id} have no group record; they are kept in an unnamed group."));
            result.Add(new C3dGroup("", id, "", false, byGroup[id]));
        }

        return new C3dParameters(result);
    }
}
