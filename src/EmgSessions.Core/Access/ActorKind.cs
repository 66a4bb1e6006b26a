namespace EmgSessions.Core.Access;

/// <summary>What kind of caller an <see cref="Actor"/> is.</summary>
internal enum ActorKind
{
    /// <summary>A script or service holding an API key.</summary>
    Machine,

    /// <summary>The zero-set-up local user: loopback listener, no users defined yet.</summary>
    LocalUser,

    /// <summary>A signed-in person with a <see cref="Role"/>.</summary>
    Person,
}
