namespace EmgSessions.Core.Storage;

/// <summary>One object of a bucket listing.</summary>
public sealed record StorageObjectInfo(string Bucket, string Key, long? Size, DateTimeOffset? UpdatedAt);
