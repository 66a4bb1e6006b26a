using System.Buffers.Binary;

namespace EmgSessions.C3d.Tests.Fuzzing;

/// <summary>
/// Deterministic damage for C3D files: byte flips, truncations, splices, extreme counts and pointers. Reusable by
/// load and fuzz tests: <c>new C3dMutator(seed).Mutate(original)</c> returns a new damaged copy and says what it did.
/// </summary>
public sealed class C3dMutator(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Values that break counts and pointers: zero, one, sign boundaries, all ones.</summary>
    private static readonly ushort[] ExtremeWords = [0, 1, 2, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF, 255, 256];

    /// <summary>One random mutation of <paramref name="original"/> (never modified).</summary>
    public (byte[] Bytes, string Description) Mutate(byte[] original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return (Below(7)) switch
        {
            0 => FlipBytes(original, (int)Below(8) + 1, nearStart: true),
            1 => FlipBytes(original, (int)Below(32) + 1, nearStart: false),
            2 => Truncate(original),
            3 => Splice(original),
            4 => ExtremeHeaderWord(original),
            5 => ExtremeParameterValue(original),
            _ => CorruptNextPointer(original),
        };
    }

    /// <summary>Flips bytes in the header and parameter blocks (<paramref name="nearStart"/>) or anywhere.</summary>
    public (byte[], string) FlipBytes(byte[] original, int count, bool nearStart)
    {
        var bytes = (byte[])original.Clone();
        var range = nearStart ? Math.Min(bytes.Length, 2048) : bytes.Length;
        for (var i = 0; i < count; i++)
        {
            bytes[Below((ulong)range)] ^= (byte)(1 << (int)Below(8));
        }

        return (bytes, $"{count} bit flips {(nearStart ? "in the first 2048 bytes" : "anywhere")}");
    }

    public (byte[], string) Truncate(byte[] original)
    {
        var length = Below(3) == 0 ? (int)Below(2048) : (int)Below((ulong)original.Length);
        return (original[..length], $"truncated to {length} bytes");
    }

    /// <summary>Copies a chunk of the file over another place (records shifted, pointers pointing at the wrong bytes).</summary>
    public (byte[], string) Splice(byte[] original)
    {
        var bytes = (byte[])original.Clone();
        var length = (int)Below(600) + 1;
        var from = (int)Below((ulong)Math.Max(1, bytes.Length - length));
        var to = (int)Below((ulong)Math.Min(bytes.Length, 4096));
        var n = Math.Min(length, Math.Min(bytes.Length - from, bytes.Length - to));
        Array.Copy(original, from, bytes, to, n);
        return (bytes, $"{n} bytes from {from} copied to {to}");
    }

    /// <summary>Sets one header word (counts, frame numbers, data start, samples per frame, event count) to an extreme value.</summary>
    public (byte[], string) ExtremeHeaderWord(byte[] original)
    {
        var bytes = (byte[])original.Clone();
        int[] offsets = [0, 2, 4, 6, 8, 16, 18, 300];
        var offset = offsets[Below((ulong)offsets.Length)];
        var value = ExtremeWords[Below((ulong)ExtremeWords.Length)];
        if (offset == 0)
        {
            bytes[0] = (byte)value;
        }
        else if (bytes.Length >= offset + 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), value);
        }

        return (bytes, $"header byte {offset} set to {value}");
    }

    /// <summary>Sets the first 16-bit value of a known parameter (USED, FRAMES, DATA_START…) or a dimension byte to an extreme.</summary>
    public (byte[], string) ExtremeParameterValue(byte[] original)
    {
        var bytes = (byte[])original.Clone();
        string[] names = ["USED", "FRAMES", "DATA_START", "LABELS", "SCALE", "OFFSET", "RATE", "LONG_FRAMES", "ACTUAL_END_FIELD", "TIMES"];
        var name = names[Below((ulong)names.Length)];
        var at = bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024)).IndexOf(System.Text.Encoding.ASCII.GetBytes(name));
        if (at < 0 || at + name.Length + 8 > bytes.Length)
        {
            return FlipBytes(original, 1, nearStart: true);
        }

        var body = at + name.Length + 2; // type byte
        if (Below(2) == 0)
        {
            bytes[body + 1] = (byte)Below(9); // dimension count, up to one beyond the limit
            bytes[body + 2] = 255;
            return (bytes, $"{name}: dimensions rewritten");
        }

        var dims = bytes[body + 1];
        var data = body + 2 + dims;
        if (data + 2 <= bytes.Length)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(data), ExtremeWords[Below((ulong)ExtremeWords.Length)]);
        }

        return (bytes, $"{name}: first value set to an extreme");
    }

    /// <summary>Rewrites a record's 'next' pointer: 0, backwards, byte-swapped or far beyond the section.</summary>
    public (byte[], string) CorruptNextPointer(byte[] original)
    {
        var bytes = (byte[])original.Clone();
        if (bytes.Length < 1024)
        {
            return Truncate(original);
        }

        // Walk a few records of the first parameter block the honest way, then damage one pointer.
        var position = ((bytes[0] - 1) * 512) + 4;
        var steps = (int)Below(12);
        for (var i = 0; i < steps && position > 0 && position + 4 < bytes.Length; i++)
        {
            var nameLength = Math.Abs((sbyte)bytes[position]);
            if (nameLength == 0)
            {
                break;
            }

            var next = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 2 + nameLength));
            if (next == 0)
            {
                break;
            }

            position += 2 + nameLength + next;
        }

        if (position <= 0 || position + 4 >= bytes.Length)
        {
            return FlipBytes(original, 1, nearStart: true);
        }

        var field = position + 2 + Math.Abs((sbyte)bytes[position]);
        if (field + 2 > bytes.Length)
        {
            return FlipBytes(original, 1, nearStart: true);
        }

        var value = ExtremeWords[Below((ulong)ExtremeWords.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(field), value);
        return (bytes, $"'next' pointer at {field} set to {value}");
    }

    /// <summary>Uniform integer in [0, <paramref name="bound"/>).</summary>
    public ulong Below(ulong bound) => bound == 0 ? 0 : Next() % bound;

    private ulong Next()
    {
        var z = _state += 0x9E37_79B9_7F4A_7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBul;
        return z ^ (z >> 31);
    }
}
