namespace EmgSessions.Core.Storage;

/// <summary>
/// Rules for object keys and bucket names, so that no key can reach outside a bucket: no <c>..</c> or
/// <c>.</c> segment, no absolute path, no empty segment, no backslash, no control character, no segment longer
/// than a file name may be.
/// </summary>
public static class ObjectKey
{
    /// <summary>Longest key accepted (Supabase Storage allows 1024 bytes).</summary>
    public const int MaxLength = 1024;

    /// <summary>Longest path segment accepted, in UTF-8 bytes: a file name on the usual file systems (NAME_MAX).</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>Null when <paramref name="key"/> is safe; otherwise what is wrong with it.</summary>
    public static string? Validate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "the key is empty";
        }

        if (key.Length > MaxLength)
        {
            return $"the key is longer than {MaxLength} characters";
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                return "the key contains a control character";
            }

            if (c == '\\')
            {
                return "the key contains a backslash";
            }
        }

        if (key[0] == '/' || (key.Length >= 2 && key[1] == ':'))
        {
            return "the key is an absolute path";
        }

        foreach (var segment in key.Split('/'))
        {
            switch (segment)
            {
                case "":
                    return "the key has an empty path segment";
                case "." or "..":
                    return "the key contains a '.' or '..' segment";
                case var name when System.Text.Encoding.UTF8.GetByteCount(name) > MaxSegmentBytes:
                    return $"a path segment of the key is longer than {MaxSegmentBytes} bytes";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="key"/> passes <see cref="Validate"/>.</summary>
    public static bool IsValid(string? key) => Validate(key) is null;

    /// <summary>Null when <paramref name="bucket"/> is a safe bucket name (one segment).</summary>
    public static string? ValidateBucket(string? bucket)
    {
        var problem = Validate(bucket);
        if (problem is not null)
        {
            return problem.Replace("key", "bucket name", StringComparison.Ordinal);
        }

        return bucket!.Contains('/', StringComparison.Ordinal) ? "the bucket name contains '/'" : null;
    }

    /// <summary>The key with every segment percent-encoded and the <c>/</c> separators kept.</summary>
    public static string EncodePath(string key) =>
        string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The last segment of the key (the file name).</summary>
    public static string FileName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        return slash < 0 ? key : key[(slash + 1)..];
    }
}
