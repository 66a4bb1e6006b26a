namespace EmgSessions.Core.Storage;

/// <summary>
/// How a session's <c>file_path</c> names its object. This application stores the object key; the predecessor
/// stored <c>bucket/key</c> (for example <c>c3d-examples/P004/…</c>), so both forms are recognised.
/// </summary>
public static class StoredObject
{
    /// <summary>The path as the predecessor stored it: <c>bucket/key</c>.</summary>
    public static string PrefixedPath(string bucket, string key) => bucket + "/" + key;

    /// <summary>
    /// The bucket and key of a stored path that has no recorded bucket: a path starting with
    /// <paramref name="bucket"/><c>/</c> is the predecessor's <c>bucket/key</c>; any other is a key of that bucket.
    /// </summary>
    public static (string Bucket, string Key) Locate(string filePath, string bucket)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(bucket);
        var prefix = bucket + "/";
        return filePath.StartsWith(prefix, StringComparison.Ordinal) && filePath.Length > prefix.Length
            ? (bucket, filePath[prefix.Length..])
            : (bucket, filePath);
    }
}
