using System.Security.Cryptography;

namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>
/// Local copies of uploaded objects named by their SHA-256, so Phase 2 need not download again. Files
/// are written to a temporary name while hashed, then renamed to the hash: a file under a hash name
/// is always complete and always has that hash.
/// </summary>
public sealed class FileSpool
{
    private const string TempPrefix = ".spool-";

    public FileSpool(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The absolute spool directory.</summary>
    public string Directory { get; }

    /// <summary>True for a lower-case hex SHA-256.</summary>
    public static bool IsHash(string? hash) =>
        hash is { Length: 64 } && hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>The path a file with this hash has in the spool.</summary>
    public string PathOf(string hash) =>
        IsHash(hash) ? Path.Combine(Directory, hash) : throw new ArgumentException("Not a lower-case hex SHA-256.", nameof(hash));

    public bool Contains(string hash) => File.Exists(PathOf(hash));

    /// <summary>Opens the spooled file with this hash, or null when the spool does not have it.</summary>
    public Stream? TryOpen(string hash)
    {
        try
        {
            return new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes the file with this hash; false when there was none.</summary>
    public bool Delete(string hash)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>
    /// Copies <paramref name="source"/> into the spool, hashing as it goes. Stops reading and keeps
    /// nothing once more than <paramref name="maxBytes"/> arrive; keeps nothing for an empty stream.
    /// </summary>
    public async Task<SpoolResult> WriteAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        return new SpoolResult(null, length, TooLarge: true);
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (length == 0)
            {
                return new SpoolResult(null, 0, TooLarge: false);
            }

            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            File.Move(temp, PathOf(hash), overwrite: true);
            return new SpoolResult(hash, length, TooLarge: false);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Removes spooled files (and stale temporary files) last written before <paramref name="cutoff"/>; returns how many.</summary>
    public int DeleteOlderThan(DateTimeOffset cutoff)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles())
        {
            if ((IsHash(file.Name) || file.Name.StartsWith(TempPrefix, StringComparison.Ordinal)) && file.LastWriteTimeUtc < cutoff.UtcDateTime)
            {
                try
                {
                    file.Delete();
                    removed++;
                }
                catch (IOException)
                {
                    // In use right now: the next pass takes it.
                }
            }
        }

        return removed;
    }
}
