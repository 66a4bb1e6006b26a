using System.Buffers.Binary;

namespace EmgSessions.Tests.Fuzzing;

/// <summary>
/// Deterministic damage for whole C3D recordings as a worker receives them: bit flips (anywhere, or in the
/// header and parameter blocks), truncations, splices between files, and extreme 16-bit words at the
/// places that hold counts and pointers. Same seed, same files.
/// </summary>
internal sealed class RecordingMutator(Random random, IReadOnlyList<byte[]> seeds)
{
    private static readonly ushort[] ExtremeWords = [0, 1, 0x7FFF, 0x8000, 0xFFFF, 255, 256, 0x4000];

    public (byte[] Bytes, string Description) Next()
    {
        var index = random.Next(seeds.Count);
        var (bytes, description) = Mutate(seeds[index]);
        if (random.Next(3) == 0)
        {
            (bytes, var second) = Mutate(bytes);
            description += "; " + second;
        }

        return (bytes, $"seed file {index}: {description}");
    }

    private (byte[], string) Mutate(byte[] original)
    {
        var bytes = (byte[])original.Clone();
        if (bytes.Length < 2)
        {
            return (bytes, "too short to damage further");
        }

        switch (random.Next(6))
        {
            case 0:
                {
                    var range = Math.Min(bytes.Length, 4096);
                    var n = 1 + random.Next(16);
                    for (var i = 0; i < n; i++)
                    {
                        bytes[random.Next(range)] ^= (byte)(1 << random.Next(8));
                    }

                    return (bytes, $"{n} bit flips in the first {range} bytes");
                }

            case 1:
                {
                    var n = 1 + random.Next(64);
                    for (var i = 0; i < n; i++)
                    {
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return (bytes, $"{n} bit flips anywhere");
                }

            case 2:
                {
                    var length = random.Next(3) == 0 ? random.Next(Math.Min(bytes.Length, 3072)) : random.Next(bytes.Length);
                    return (original[..length], $"truncated to {length} bytes");
                }

            case 3:
                {
                    var other = seeds[random.Next(seeds.Count)];
                    var cut = random.Next(Math.Min(original.Length, 4096));
                    var from = random.Next(other.Length);
                    return ([.. original.AsSpan(0, cut), .. other.AsSpan(from)], $"first {cut} bytes spliced onto another file from byte {from}");
                }

            default:
                {
                    // Header words (counts, first/last frame, data start) and the words right after parameter names.
                    var offset = random.Next(2) == 0 || bytes.Length < 520 ? 2 * random.Next(12) : 512 + (2 * random.Next(Math.Min(bytes.Length - 514, 3000) / 2));
                    var word = ExtremeWords[random.Next(ExtremeWords.Length)];
                    if (offset + 2 <= bytes.Length)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), word);
                    }

                    return (bytes, $"word 0x{word:X4} at byte {offset}");
                }
        }
    }
}
