using System.Buffers.Binary;
using System.Text;

namespace EmgSessions.C3d;

/// <summary>
/// One parameter record. The values are kept in Intel form (little-endian integers, IEEE floats) whatever the
/// file's processor, column-major as in the file. Typed getters convert between numeric types and never throw.
/// </summary>
public sealed class C3dParameter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly byte[] _data;
    private readonly int[] _dimensions;

    internal C3dParameter(string group, string name, C3dParameterType type, int[] dimensions, byte[] intelData, string description, bool locked)
    {
        Group = group;
        Name = name;
        Type = type;
        _dimensions = dimensions;
        _data = intelData;
        Description = description;
        Locked = locked;
    }

    public string Group { get; }

    public string Name { get; }

    public string FullName => Group + ":" + Name;

    public C3dParameterType Type { get; }

    public IReadOnlyList<int> Dimensions => _dimensions;

    public string Description { get; }

    public bool Locked { get; }

    /// <summary>Product of the dimensions (1 for a scalar, 0 when a dimension is 0).</summary>
    public int ElementCount => CountOf(_dimensions);

    /// <summary>The values as stored, in Intel form; the writer emits these bytes unchanged.</summary>
    internal ReadOnlySpan<byte> IntelData => _data;

    internal int ElementSize => Math.Abs((int)Type);

    /// <summary>A CHAR parameter: one string (dimensions [length]).</summary>
    public static C3dParameter FromString(string group, string name, string value, string description = "", bool locked = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        CheckDimension(bytes.Length);
        return new C3dParameter(CheckName(group), CheckName(name), C3dParameterType.Char, [bytes.Length], bytes, description ?? "", locked);
    }

    /// <summary>A CHAR parameter: n strings padded with spaces to a common length (dimensions [length, n]).</summary>
    public static C3dParameter FromStrings(string group, string name, IReadOnlyList<string> values, string description = "", bool locked = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckDimension(values.Count);
        var encoded = values.Select(v => Encoding.UTF8.GetBytes(v ?? "")).ToArray();
        var length = encoded.Length == 0 ? 0 : encoded.Max(e => e.Length);
        CheckDimension(length);
        var data = new byte[length * encoded.Length];
        data.AsSpan().Fill((byte)' ');
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i].CopyTo(data, i * length);
        }

        return new C3dParameter(CheckName(group), CheckName(name), C3dParameterType.Char, [length, encoded.Length], data, description ?? "", locked);
    }

    /// <summary>An INT16 parameter; dimensions default to [values.Length].</summary>
    public static C3dParameter FromInt16s(string group, string name, ReadOnlySpan<short> values, IReadOnlyList<int>? dimensions = null, string description = "", bool locked = false)
    {
        var dims = ShapeFor(values.Length, dimensions);
        var data = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), values[i]);
        }

        return new C3dParameter(CheckName(group), CheckName(name), C3dParameterType.Int16, dims, data, description ?? "", locked);
    }

    /// <summary>A FLOAT parameter; dimensions default to [values.Length].</summary>
    public static C3dParameter FromFloats(string group, string name, ReadOnlySpan<float> values, IReadOnlyList<int>? dimensions = null, string description = "", bool locked = false)
    {
        var dims = ShapeFor(values.Length, dimensions);
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
        }

        return new C3dParameter(CheckName(group), CheckName(name), C3dParameterType.Float, dims, data, description ?? "", locked);
    }

    /// <summary>A BYTE parameter; dimensions default to [values.Length].</summary>
    public static C3dParameter FromBytes(string group, string name, ReadOnlySpan<byte> values, IReadOnlyList<int>? dimensions = null, string description = "", bool locked = false)
    {
        var dims = ShapeFor(values.Length, dimensions);
        return new C3dParameter(CheckName(group), CheckName(name), C3dParameterType.Byte, dims, values.ToArray(), description ?? "", locked);
    }

    /// <summary>A copy of this parameter with another lock flag or description (used when rewriting files).</summary>
    public C3dParameter With(bool? locked = null, string? description = null) =>
        new(Group, Name, Type, _dimensions, _data, description ?? Description, locked ?? Locked);

    /// <summary>CHAR values split along dims[0]; trailing spaces and NULs trimmed, leading kept. Numeric types give their values as text.</summary>
    public IReadOnlyList<string> GetStrings()
    {
        if (Type != C3dParameterType.Char)
        {
            return GetNumbers().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        if (_dimensions.Length == 0)
        {
            return _data.Length == 0 ? [] : [Decode(_data)];
        }

        var length = _dimensions[0];
        var count = _dimensions.Length == 1 ? 1 : CountOf(_dimensions.AsSpan(1));
        if (length == 0 || count == 0)
        {
            return [];
        }

        var strings = new string[count];
        for (var i = 0; i < count; i++)
        {
            var start = (long)i * length;
            strings[i] = start + length <= _data.Length ? Decode(_data.AsSpan((int)start, length)) : "";
        }

        return strings;
    }

    /// <summary>The first string, or null when there is none.</summary>
    public string? GetString()
    {
        var strings = GetStrings();
        return strings.Count == 0 ? null : strings[0];
    }

    /// <summary>Values as signed 16-bit integers (floats rounded and saturated).</summary>
    public short[] GetInt16s()
    {
        if (Type == C3dParameterType.Int16)
        {
            var result = new short[_data.Length / 2];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = BinaryPrimitives.ReadInt16LittleEndian(_data.AsSpan(i * 2));
            }

            return result;
        }

        return GetNumbers().Select(v => double.IsNaN(v) ? (short)0 : (short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue)).ToArray();
    }

    /// <summary>Values as 32-bit floats.</summary>
    public float[] GetFloats()
    {
        if (Type == C3dParameterType.Float)
        {
            var result = new float[_data.Length / 4];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan(i * 4));
            }

            return result;
        }

        return GetNumbers().Select(v => (float)v).ToArray();
    }

    /// <summary>The bytes of a BYTE or CHAR parameter; other types give their values saturated to 0–255.</summary>
    public byte[] GetBytes() => Type is C3dParameterType.Byte or C3dParameterType.Char
        ? (byte[])_data.Clone()
        : GetNumbers().Select(v => double.IsNaN(v) ? (byte)0 : (byte)Math.Clamp(Math.Round(v), 0, 255)).ToArray();

    /// <summary>Any numeric type as doubles: INT16 signed, BYTE unsigned, FLOAT widened. CHAR gives an empty array.</summary>
    public double[] GetNumbers()
    {
        switch (Type)
        {
            case C3dParameterType.Byte:
                return _data.Select(b => (double)b).ToArray();
            case C3dParameterType.Int16:
                {
                    var result = new double[_data.Length / 2];
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] = BinaryPrimitives.ReadInt16LittleEndian(_data.AsSpan(i * 2));
                    }

                    return result;
                }

            case C3dParameterType.Float:
                {
                    var result = new double[_data.Length / 4];
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] = BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan(i * 4));
                    }

                    return result;
                }

            default:
                return [];
        }
    }

    /// <summary>One value as a double (INT16 signed), or null when the index is outside the array or the type is CHAR.</summary>
    public double? GetNumber(int index = 0)
    {
        if (index < 0)
        {
            return null;
        }

        return Type switch
        {
            C3dParameterType.Byte when index < _data.Length => _data[index],
            C3dParameterType.Int16 when (index * 2L) + 2 <= _data.Length => BinaryPrimitives.ReadInt16LittleEndian(_data.AsSpan(index * 2)),
            C3dParameterType.Float when (index * 4L) + 4 <= _data.Length => BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan(index * 4)),
            _ => null,
        };
    }

    /// <summary>
    /// One value read as a count or pointer: INT16 as unsigned 16-bit, FLOAT rounded, BYTE unsigned; null when
    /// missing or not finite.
    /// </summary>
    public double? GetUnsignedNumber(int index = 0)
    {
        var value = GetNumber(index);
        if (value is not { } v || !double.IsFinite(v))
        {
            return null;
        }

        return Type switch
        {
            C3dParameterType.Int16 => (ushort)(short)v,
            C3dParameterType.Float => Math.Round(v),
            _ => v,
        };
    }

    public override string ToString() => $"{FullName} {Type} [{string.Join(',', _dimensions)}]";

    internal static int CountOf(ReadOnlySpan<int> dimensions)
    {
        var count = 1;
        foreach (var d in dimensions)
        {
            count *= d;
        }

        return count;
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        while (end > 0 && (bytes[end - 1] == (byte)' ' || bytes[end - 1] == 0))
        {
            end--;
        }

        var trimmed = bytes[..end];
        return System.Text.Unicode.Utf8.IsValid(trimmed) ? StrictUtf8.GetString(trimmed) : Encoding.Latin1.GetString(trimmed);
    }

    private static int[] ShapeFor(int length, IReadOnlyList<int>? dimensions)
    {
        if (dimensions is null)
        {
            CheckDimension(length);
            return [length];
        }

        if (dimensions.Count > 7)
        {
            throw new ArgumentException("A parameter has at most 7 dimensions.", nameof(dimensions));
        }

        foreach (var d in dimensions)
        {
            CheckDimension(d);
        }

        var dims = dimensions.ToArray();
        if (CountOf(dims) != length)
        {
            throw new ArgumentException($"The dimensions [{string.Join(',', dims)}] do not hold {length} values.", nameof(dimensions));
        }

        return dims;
    }

    private static void CheckDimension(int value)
    {
        if (value is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A C3D dimension is 0–255; use LABELS2… continuation parameters for more.");
        }
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 127 || name.Any(c => c is < (char)0x21 or > (char)0x7E || c == ':'))
        {
            throw new ArgumentException($"'{name}' is not a valid C3D name (1–127 printable ASCII characters, no ':').", nameof(name));
        }

        return name.ToUpperInvariant();
    }
}
