namespace EmgSessions.Core.Stores;

/// <summary>The four cases of system.md §3.4.</summary>
public enum RegistrationOutcome
{
    /// <summary>New path, new content: a session and its job were inserted.</summary>
    Created,

    /// <summary>Same path, same content (a repeated delivery): nothing changed.</summary>
    AlreadyRegistered,

    /// <summary>New path, content already known under another path: no row; a cache hit was counted.</summary>
    DuplicateContent,

    /// <summary>Same path, new content: hash and size updated, technical data and cache cleared, requeued.</summary>
    Overwritten,
}
