namespace EmgSessions.Core.Access;

/// <summary>The answer to "may this actor do this here", as the transport should render it.</summary>
internal enum AccessDecision
{
    /// <summary>Go ahead; show the full data.</summary>
    Allowed,

    /// <summary>Go ahead read-only; show only pseudonymised views (<see cref="Pseudonymiser"/>).</summary>
    Pseudonymised,

    /// <summary>Answer as if the patient or session did not exist (404): never reveal another therapist's patients.</summary>
    NotFound,

    /// <summary>The actor's role may not do this at all (403), whatever the subject.</summary>
    Forbidden,
}
