namespace EmgSessions.Core.Application;

/// <summary>How a query or command of the application layer ended for its actor.</summary>
internal enum AnswerKind
{
    /// <summary>Done; the answer carries its value.</summary>
    Ok,

    /// <summary>The request itself is wrong (a malformed value): say what and how to fix it.</summary>
    Invalid,

    /// <summary>No such subject, or one the actor may not know exists (another therapist's patient).</summary>
    NotFound,

    /// <summary>The actor's role may not do this at all.</summary>
    Forbidden,

    /// <summary>The subject's state does not allow it now (not processed yet, failed, still referenced).</summary>
    Conflict,
}
