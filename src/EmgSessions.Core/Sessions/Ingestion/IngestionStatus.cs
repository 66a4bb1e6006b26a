namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>How Phase 1 ended for one object.</summary>
public enum IngestionStatus
{
    /// <summary>New path, new content: a session and its job exist now.</summary>
    Created,

    /// <summary>Same path, same content: a repeated delivery; nothing changed.</summary>
    AlreadyRegistered,

    /// <summary>The content is already known under another path: a cache hit was counted on that session.</summary>
    DuplicateContent,

    /// <summary>Same path, new content: the session is being reprocessed.</summary>
    Overwritten,

    /// <summary>The object has no bytes: nothing stored.</summary>
    EmptyFile,

    /// <summary>The object is above the size limit: nothing stored.</summary>
    TooLarge,

    /// <summary>The object is not in the bucket.</summary>
    ObjectNotFound,

    /// <summary>The bucket or key breaks the key rules.</summary>
    InvalidKey,

    /// <summary>The storage could not answer (transient; the reconciler retries).</summary>
    StorageUnavailable,

    /// <summary>The database could not answer (transient; the reconciler retries).</summary>
    DatabaseUnavailable,
}
