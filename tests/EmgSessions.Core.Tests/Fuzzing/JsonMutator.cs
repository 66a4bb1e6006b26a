using System.Text;
using System.Text.Json;

namespace EmgSessions.Core.Tests.Fuzzing;

/// <summary>
/// A deterministic mutation engine for JSON bodies: byte-level damage (flips, truncations, splices,
/// insertions, repeats) and token-level damage found with <see cref="Utf8JsonReader"/> (a value or a
/// key replaced by a hostile token: deep nesting, huge numbers, wrong types, unicode, control
/// characters, lone surrogates, duplicate or missing fields). Same seed, same sequence of bodies.
/// </summary>
internal sealed class JsonMutator(Random random, IReadOnlyList<byte[]> seeds)
{
    /// <summary>Replacement tokens for values: wrong types, extreme numbers, odd strings.</summary>
    private static readonly string[] HostileValues =
    [
        "null", "true", "false", "0", "-0", "-1", "1.5", "1e400", "-1e400", "1e-400", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999999999", "52428801",
        "\"\"", "\" \"", "\"-1\"", "\"12a\"", "\"007\"", "\"9223372036854775808\"", "[]", "{}", "[1,2,3]",
        "{\"size\":\"x\"}", "\"\\u0000\"", "\"a\\u0001b.c3d\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00.c3d\"",
        "\"..\"", "\"../../etc/passwd.c3d\"", "\"/abs/x.c3d\"", "\"C:\\\\x.c3d\"", "\"a//b.c3d\"", "\"a\\\\b.c3d\"",
        "\"P005/./x.c3d\"", "\"P005/session1/Ghostly_Emg_20230230_25-61-61-0000.c3d\"", "\"X.C3D\"", "\"\u202Eevil.c3d\"",
        "\"\uFEFFP005/a.c3d\"", "\"caf\u00E9/\u65E5\u672C/\u0645\u0631\u062D\u0628\u0627.c3d\"", "\"e\u0301\u0301\u0301.c3d\"",
        "\"INSERT\"", "\"UPDATE\"", "\"DELETE\"", "\"insert\"", "\"storage\"", "\"objects\"", "\"ObjectCreated:Post\"",
        "\"c3d-examples\"", "\"c3d-examples/x\"",
    ];

    /// <summary>Replacement keys: renamed, case-changed, control characters, escapes.</summary>
    private static readonly string[] HostileKeys =
    [
        "\"\"", "\"type\"", "\"Type\"", "\"record\"", "\"eventType\"", "\"name\"", "\"bucket_id\"", "\"metadata\"", "\"size\"",
        "\"objectName\"", "\"bucket\"", "\"objectSize\"", "\"schema\"", "\"table\"", "\"na\\u0000me\"", "\"\\u0001type\"",
        "\"t\\ype\"", "\"ty\\u0070e\"", "\"\\ud800\"", "\"n\u00E4me\"", "\"name\\n\"",
    ];

    private static readonly byte[][] RawInsertions =
    [
        "\0"u8.ToArray(), "\u0001"u8.ToArray(), [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        "\\"u8.ToArray(), "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
        "/*c*/"u8.ToArray(), "//\n"u8.ToArray(), "NaN"u8.ToArray(), "Infinity"u8.ToArray(), "\t\r\n "u8.ToArray(),
    ];

    /// <summary>The next body: a seed with one to four mutations applied.</summary>
    public byte[] Next()
    {
        var body = seeds[random.Next(seeds.Count)];
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            body = Mutate(body);
        }

        return body;
    }

    private byte[] Mutate(byte[] body) => random.Next(12) switch
    {
        0 => FlipBits(body),
        1 => Truncate(body),
        2 => Splice(body, seeds[random.Next(seeds.Count)]),
        3 => InsertRaw(body),
        4 => RepeatRegion(body),
        5 => DeleteRegion(body),
        6 or 7 => ReplaceToken(body, keys: false),
        8 => ReplaceToken(body, keys: true),
        9 => Nest(body),
        10 => DuplicateMember(body),
        _ => ReplaceToken(body, keys: false, generated: true),
    };

    private byte[] FlipBits(byte[] body)
    {
        var copy = body.ToArray();
        var flips = 1 + random.Next(8);
        for (var i = 0; i < flips && copy.Length > 0; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private byte[] Truncate(byte[] body) => body.Length == 0 ? body : body[..random.Next(body.Length)];

    private byte[] Splice(byte[] a, byte[] b)
    {
        var cutA = a.Length == 0 ? 0 : random.Next(a.Length + 1);
        var cutB = b.Length == 0 ? 0 : random.Next(b.Length + 1);
        return [.. a.AsSpan(0, cutA), .. b.AsSpan(cutB)];
    }

    private byte[] InsertRaw(byte[] body)
    {
        var at = random.Next(body.Length + 1);
        var what = RawInsertions[random.Next(RawInsertions.Length)];
        return [.. body.AsSpan(0, at), .. what, .. body.AsSpan(at)];
    }

    private byte[] RepeatRegion(byte[] body)
    {
        if (body.Length == 0)
        {
            return body;
        }

        var start = random.Next(body.Length);
        var length = 1 + random.Next(Math.Min(64, body.Length - start));
        var times = 1 + random.Next(random.Next(2) == 0 ? 4 : 2000);
        var region = body.AsSpan(start, length).ToArray();
        var output = new List<byte>(body.Length + (length * times));
        output.AddRange(body.AsSpan(0, start + length));
        for (var i = 0; i < times; i++)
        {
            output.AddRange(region);
        }

        output.AddRange(body.AsSpan(start + length));
        return [.. output];
    }

    private byte[] DeleteRegion(byte[] body)
    {
        if (body.Length == 0)
        {
            return body;
        }

        var start = random.Next(body.Length);
        var length = 1 + random.Next(Math.Min(32, body.Length - start));
        return [.. body.AsSpan(0, start), .. body.AsSpan(start + length)];
    }

    /// <summary>Wraps a value (or the whole body) in 1 to 300 levels of arrays or objects.</summary>
    private byte[] Nest(byte[] body)
    {
        var depth = 1 + random.Next(random.Next(3) == 0 ? 300 : 70);
        var useObjects = random.Next(2) == 0;
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            open.Append(useObjects ? "{\"a\":" : "[");
            close.Append(useObjects ? '}' : ']');
        }

        var tokens = Tokens(body, keys: false);
        if (tokens.Count == 0 || random.Next(4) == 0)
        {
            return [.. Encoding.UTF8.GetBytes(open.ToString()), .. body, .. Encoding.UTF8.GetBytes(close.ToString())];
        }

        var (start, length) = tokens[random.Next(tokens.Count)];
        return
        [
            .. body.AsSpan(0, start), .. Encoding.UTF8.GetBytes(open.ToString()), .. body.AsSpan(start, length),
            .. Encoding.UTF8.GetBytes(close.ToString()), .. body.AsSpan(start + length),
        ];
    }

    /// <summary>Repeats one "key": value member right after itself (JSON allows duplicates; one of them wins).</summary>
    private byte[] DuplicateMember(byte[] body)
    {
        var members = Members(body);
        if (members.Count == 0)
        {
            return FlipBits(body);
        }

        var (start, length) = members[random.Next(members.Count)];
        return [.. body.AsSpan(0, start + length), .. ","u8, .. body.AsSpan(start, length), .. body.AsSpan(start + length)];
    }

    private byte[] ReplaceToken(byte[] body, bool keys, bool generated = false)
    {
        var tokens = Tokens(body, keys);
        if (tokens.Count == 0)
        {
            return FlipBits(body);
        }

        var (start, length) = tokens[random.Next(tokens.Count)];
        var replacement = generated
            ? Generated()
            : (keys ? HostileKeys : HostileValues)[random.Next(keys ? HostileKeys.Length : HostileValues.Length)];
        return [.. body.AsSpan(0, start), .. Encoding.UTF8.GetBytes(replacement), .. body.AsSpan(start + length)];
    }

    /// <summary>A random string token: control characters, escapes, astral and combining characters, long runs.</summary>
    private string Generated()
    {
        var builder = new StringBuilder("\"");
        var length = random.Next(3) == 0 ? random.Next(5000) : random.Next(40);
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(8))
            {
                case 0:
                    builder.Append(@"\u").Append(random.Next(0x20).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case 1:
                    builder.Append(@"\u").Append(random.Next(0xD800, 0xE000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case 2:
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                    break;
                case 3:
                    builder.Append('/');
                    break;
                case 4:
                    builder.Append(".c3d");
                    break;
                default:
                    var c = (char)random.Next(0x21, 0x7F);
                    builder.Append(c is '"' or '\\' ? 'x' : c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Start and length of each complete <c>"key": value</c> member the reader gets to.</summary>
    private static List<(int Start, int Length)> Members(byte[] body)
    {
        var found = new List<(int, int)>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 1000 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                var copy = reader;
                if (copy.Read() && copy.TrySkip())
                {
                    found.Add((start, (int)copy.BytesConsumed - start));
                }
            }
        }
        catch (JsonException)
        {
            // A damaged body: use the members before the damage.
        }

        return found;
    }

    /// <summary>Start and length of each value token (or each property-name token) the reader gets to.</summary>
    private static List<(int Start, int Length)> Tokens(byte[] body, bool keys)
    {
        var found = new List<(int, int)>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1000 });
        try
        {
            while (reader.Read())
            {
                var isKey = reader.TokenType == JsonTokenType.PropertyName;
                if (isKey != keys)
                {
                    if (!keys && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        var start = (int)reader.TokenStartIndex;
                        var copy = reader;
                        if (copy.TrySkip())
                        {
                            found.Add((start, (int)copy.BytesConsumed - start));
                        }
                    }

                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    continue;
                }

                var tokenStart = (int)reader.TokenStartIndex;
                var tokenEnd = (int)reader.BytesConsumed;
                if (isKey)
                {
                    // BytesConsumed of a property name includes the colon; keep it.
                    tokenEnd = Array.LastIndexOf(body, (byte)'"', tokenEnd - 1) + 1;
                }

                found.Add((tokenStart, tokenEnd - tokenStart));
            }
        }
        catch (JsonException)
        {
            // A damaged body: use the tokens before the damage.
        }

        return found;
    }
}
