namespace EmgSessions.Core.Stores;

/// <summary>What Phase 1 does with an upload whose insert conflicted (system.md §3.4); see <see cref="RegistrationDecision"/>.</summary>
internal enum RegistrationStep
{
    /// <summary>The same path with the same content: a repeated delivery, nothing changes.</summary>
    AlreadyRegistered,

    /// <summary>The content is known under another path: count a cache hit on that session.</summary>
    DuplicateContent,

    /// <summary>The path is known with other content: overwrite its row and queue it again.</summary>
    Overwrite,

    /// <summary>The conflicting row was deleted between the insert and the reads: decide again.</summary>
    Vanished,
}
