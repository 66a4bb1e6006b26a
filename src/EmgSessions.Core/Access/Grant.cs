namespace EmgSessions.Core.Access;

/// <summary>What a kind of actor gets for one permission.</summary>
internal enum Grant
{
    /// <summary>Not allowed: the route answers 403.</summary>
    Denied,

    /// <summary>Allowed on everything.</summary>
    Allowed,

    /// <summary>Allowed on the actor's own patients and their sessions; others are "not found".</summary>
    OwnPatients,

    /// <summary>Allowed on everything, read-only, through pseudonymised views.</summary>
    Pseudonymised,
}
