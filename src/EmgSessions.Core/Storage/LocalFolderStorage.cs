using System.Runtime.CompilerServices;

namespace EmgSessions.Core.Storage;

/// <summary>
/// A bucket per sub-folder of a root directory. Keys are validated (<see cref="ObjectKey"/>) and the
/// resolved path must stay under the root. Writes go to a hidden temporary file that is then renamed,
/// so a reader never sees half an object.
/// </summary>
public sealed class LocalFolderStorage : IObjectStorage
{
    private const string TempPrefix = ".upload-";

    public LocalFolderStorage(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The absolute root directory.</summary>
    public string Root { get; }

    public string Kind => "local";

    public Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = ResolveObject(bucket, key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StorageObjectNotFoundException($"Object not found: {bucket}/{key}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"Cannot read {bucket}/{key}: {Reason(e)}", e);
        }
    }

    public async IAsyncEnumerable<StorageObjectInfo> ListAsync(
        string bucket, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bucketDirectory = ResolveBucket(bucket);
        if (!Directory.Exists(bucketDirectory))
        {
            yield break;
        }

        var folderPrefix = string.IsNullOrEmpty(prefix) ? null : prefix.TrimEnd('/') + "/";
        List<StorageObjectInfo> objects;
        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
            objects = [];
            foreach (var file in new DirectoryInfo(bucketDirectory).EnumerateFiles("*", options))
            {
                if (file.Name.StartsWith(TempPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var key = Path.GetRelativePath(bucketDirectory, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (folderPrefix is not null && !key.StartsWith(folderPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (ObjectKey.IsValid(key))
                {
                    objects.Add(new StorageObjectInfo(bucket, key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"Cannot list bucket {bucket}: {Reason(e)}", e);
        }

        objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var info in objects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return info;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async Task PutAsync(string bucket, string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = ResolveObject(bucket, key);
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(directory);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"Cannot write {bucket}/{key}: {Reason(e)}", e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Root);
            return Task.FromResult(true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(false);
        }
    }

    private string ResolveBucket(string bucket)
    {
        if (ObjectKey.ValidateBucket(bucket) is { } problem)
        {
            throw new ArgumentException($"Invalid bucket name: {problem}.", nameof(bucket));
        }

        return EnsureUnderRoot(Path.Combine(Root, bucket));
    }

    private string ResolveObject(string bucket, string key)
    {
        if (ObjectKey.Validate(key) is { } problem)
        {
            throw new ArgumentException($"Invalid object key: {problem}.", nameof(key));
        }

        var bucketDirectory = ResolveBucket(bucket);
        return EnsureUnderRoot(Path.GetFullPath(Path.Combine(bucketDirectory, key.Replace('/', Path.DirectorySeparatorChar))));
    }

    private string EnsureUnderRoot(string path)
    {
        var full = Path.GetFullPath(path);
        var rootWithSeparator = Path.EndsInDirectorySeparator(Root) ? Root : Root + Path.DirectorySeparatorChar;
        return full.StartsWith(rootWithSeparator, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException("The object key resolves outside the storage folder.", nameof(path));
    }

    /// <summary>
    /// What went wrong, without the server's folder: messages travel to callers (webhook answers, session errors),
    /// the full path stays in the inner exception for the logs.
    /// </summary>
    private string Reason(Exception e) => e.Message.Replace(Root, "<storage>", StringComparison.Ordinal);
}
