namespace EmgSessions.Core.Storage;

/// <summary>
/// The bucket the game uploads to: a local folder (default; bucket = sub-folder) or Supabase Storage.
/// Errors: <see cref="StorageObjectNotFoundException"/> is permanent; <see cref="StorageUnavailableException"/>
/// is transient (5xx, 429, timeouts, I/O trouble) and worth retrying.
/// </summary>
public interface IObjectStorage
{
    /// <summary><c>local</c> or <c>supabase</c>.</summary>
    string Kind { get; }

    /// <summary>Opens the object for reading. The caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Every object of the bucket under <paramref name="prefix"/> (all of it when null), paging as needed.</summary>
    IAsyncEnumerable<StorageObjectInfo> ListAsync(string bucket, string? prefix, CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) an object; used by <c>emgs demo</c>, the load test and tests.</summary>
    Task PutAsync(string bucket, string key, Stream content, CancellationToken cancellationToken);

    /// <summary>True when the storage answers (readiness).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
