namespace EmgSessions.Core.Access;

/// <summary>
/// Who is asking: a machine (API key), the zero-set-up local user, or a signed-in person with a role.
/// A therapist's patient scope is their therapist row: they see the patients whose <c>therapist_id</c>
/// is <see cref="TherapistId"/> and nothing else (a therapist without a therapist row sees no patient).
/// </summary>
internal sealed record Actor
{
    private Actor(ActorKind kind, string name, Role? role, Guid? therapistId)
    {
        Kind = kind;
        Name = name;
        Role = role;
        TherapistId = therapistId;
    }

    /// <summary>The one local user of a loopback instance with no users defined.</summary>
    public static Actor LocalUser { get; } = new(ActorKind.LocalUser, "local", null, null);

    public ActorKind Kind { get; }

    /// <summary>Who, as written in the audit trail: the person's email, the API key's label, or "local".</summary>
    public string Name { get; }

    /// <summary>The person's role; null for machines and the local user.</summary>
    public Role? Role { get; }

    /// <summary>For a therapist, the <c>therapists.id</c> whose patients they may see.</summary>
    public Guid? TherapistId { get; }

    /// <summary>The role as written in the audit trail: admin, therapist, researcher, machine or local.</summary>
    public string RoleName => Kind switch
    {
        ActorKind.Machine => "machine",
        ActorKind.LocalUser => "local",
        _ => RoleNames.Of(Role!.Value),
    };

    /// <summary>A machine holding an API key; <paramref name="keyLabel"/> names the key, never its value.</summary>
    public static Actor Machine(string keyLabel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyLabel);
        return new Actor(ActorKind.Machine, keyLabel, null, null);
    }

    public static Actor Admin(string email) => Person(email, Access.Role.Admin, null);

    public static Actor Researcher(string email) => Person(email, Access.Role.Researcher, null);

    /// <summary>A therapist; <paramref name="therapistId"/> is null when no therapist row is linked to the user yet.</summary>
    public static Actor Therapist(string email, Guid? therapistId) => Person(email, Access.Role.Therapist, therapistId);

    public static Actor Person(string email, Role role, Guid? therapistId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (role != Access.Role.Therapist && therapistId is not null)
        {
            throw new ArgumentException("Only a therapist has a patient scope.", nameof(therapistId));
        }

        return new Actor(ActorKind.Person, email, role, therapistId);
    }
}
