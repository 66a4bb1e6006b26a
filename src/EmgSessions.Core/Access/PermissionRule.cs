namespace EmgSessions.Core.Access;

/// <summary>One row of the access table: what each kind of actor gets for one permission.</summary>
internal sealed record PermissionRule(Grant Machine, Grant LocalUser, Grant Admin, Grant Therapist, Grant Researcher)
{
    public Grant For(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Kind switch
        {
            ActorKind.Machine => Machine,
            ActorKind.LocalUser => LocalUser,
            _ => actor.Role switch
            {
                Role.Admin => Admin,
                Role.Therapist => Therapist,
                Role.Researcher => Researcher,
                _ => Grant.Denied,
            },
        };
    }
}
