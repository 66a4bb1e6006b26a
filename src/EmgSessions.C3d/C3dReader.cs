namespace EmgSessions.C3d;

/// <summary>
/// Reads C3D files of every processor type (Intel, DEC, MIPS) and storage format. <see cref="Identify(ReadOnlySpan{byte})"/>
/// decodes the header and parameter section only; <see cref="Read(ReadOnlySpan{byte})"/> also decodes the data.
/// Damaged files give a partial result with <see cref="C3dInfo.Warnings"/>; only a file whose layout cannot be
/// determined throws <see cref="C3dFormatException"/>.
/// </summary>
public static partial class C3dReader
{
    /// <summary>Decodes the header and parameters of a whole file held in memory.</summary>
    public static C3dInfo Identify(ReadOnlySpan<byte> file) => Guard(file, static f => ReadInfo(f, f.Length).Info);

    /// <summary>Decodes the header and parameters, reading from the stream only the blocks they occupy.</summary>
    public static C3dInfo Identify(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            return Identify(ReadAll(stream));
        }

        var start = stream.Position;
        var length = stream.Length - start;
        var prefix = ReadPrefix(stream, length);
        return Guard(prefix, f => ReadInfo(f, length).Info);
    }

    /// <summary>Decodes everything: header, parameters, points, analog channels and events.</summary>
    public static C3dRecording Read(ReadOnlySpan<byte> file) => Guard(file, static f =>
    {
        var (info, layout) = ReadInfo(f, f.Length);
        return DecodeData(f, info, layout, null);
    });

    /// <summary>
    /// As <see cref="Read(ReadOnlySpan{byte})"/>, decoding only the analog channels that <paramref name="analogChannels"/>
    /// selects once the header and parameters are known (entry c true: channel c is decoded; missing entries count as
    /// true). A channel left out is an empty array in <see cref="C3dRecording.Analog"/>; everything else is the same.
    /// </summary>
    public static C3dRecording Read(ReadOnlySpan<byte> file, Func<C3dInfo, IReadOnlyList<bool>> analogChannels)
    {
        ArgumentNullException.ThrowIfNull(analogChannels);
        return Guard(file, f =>
        {
            var (info, layout) = ReadInfo(f, f.Length);
            return DecodeData(f, info, layout, analogChannels(info));
        });
    }

    /// <summary>Reads the whole stream, then decodes it like <see cref="Read(ReadOnlySpan{byte})"/>.</summary>
    public static C3dRecording Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(ReadAll(stream));
    }

    private delegate T SpanFunc<T>(ReadOnlySpan<byte> file);

    /// <summary>Last line of defence: a reader bug on hostile input surfaces as a format exception that carries the cause.</summary>
    private static T Guard<T>(ReadOnlySpan<byte> file, SpanFunc<T> body)
    {
        try
        {
            return body(file);
        }
        catch (C3dFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or InvalidCastException or OverflowException)
        {
            throw new C3dFormatException(-1, $"the reader failed on damaged input ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        if (stream.CanSeek)
        {
            var length = stream.Length - stream.Position;
            if (length > Array.MaxLength)
            {
                throw new C3dFormatException(0, $"the file is {length} bytes, too large to read into memory");
            }

            var buffer = new byte[length];
            stream.ReadExactly(buffer);
            return buffer;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Reads block 1 up to the end of the parameter section (or the data start, whichever is later).</summary>
    private static byte[] ReadPrefix(Stream stream, long length)
    {
        var firstRead = (int)Math.Min(length, C3dHeader.Size);
        var header = new byte[firstRead];
        stream.ReadExactly(header);
        if (firstRead < C3dHeader.Size || header[0] < 2)
        {
            return header;
        }

        var sectionStart = (header[0] - 1) * 512L;
        var needed = Math.Min(length, sectionStart + 512);
        var prefix = new byte[needed];
        header.CopyTo(prefix, 0);
        stream.ReadExactly(prefix, firstRead, (int)(needed - firstRead));
        if (needed < sectionStart + 4 || !NumberFormat.IsKnown(prefix[sectionStart + 3]))
        {
            return prefix;
        }

        var format = new NumberFormat((C3dProcessor)prefix[sectionStart + 3]);
        var dataBlock = format.UInt16(prefix.AsSpan(16));
        var end = Math.Max(sectionStart + (prefix[sectionStart + 2] * 512L), (dataBlock - 1) * 512L);
        end = Math.Min(Math.Min(end, sectionStart + (255 * 512L)), length);
        if (end <= needed)
        {
            return prefix;
        }

        var full = new byte[end];
        prefix.CopyTo(full, 0);
        stream.ReadExactly(full, prefix.Length, (int)(end - prefix.Length));
        return full;
    }
}
