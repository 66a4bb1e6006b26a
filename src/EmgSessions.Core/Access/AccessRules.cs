using System.Collections.Frozen;

namespace EmgSessions.Core.Access;

/// <summary>
/// The role × permission table of access.md §1 as data, and the pure decisions built on it.
/// Transports check <see cref="Decide(Actor, string)"/> per route, then
/// <see cref="DecideFor(Actor, string, Guid?)"/> per patient or session once the subject is loaded.
/// </summary>
internal static class AccessRules
{
    private const Grant D = Grant.Denied;
    private const Grant A = Grant.Allowed;
    private const Grant O = Grant.OwnPatients;
    private const Grant P = Grant.Pseudonymised;

    /// <summary>
    /// Machines keep what API keys have today (sessions, upload, cache/queue operations, scoring) and get no
    /// patient identities, people or audit. The local user of a set-up-free loopback instance may do everything.
    /// </summary>
    public static FrozenDictionary<string, PermissionRule> Table { get; } = new Dictionary<string, PermissionRule>(StringComparer.Ordinal)
    {
        //                                   machine local admin therapist researcher
        [Permissions.SessionsRead] = new(A, A, A, O, P),
        [Permissions.SessionsUpload] = new(A, A, A, D, D),
        [Permissions.SessionsReprocess] = new(A, A, A, O, D),
        [Permissions.SessionsAnnotate] = new(D, A, A, O, D),
        [Permissions.SessionsDelete] = new(A, A, A, D, D),
        [Permissions.PatientsRead] = new(D, A, A, O, P),
        [Permissions.PatientsCreate] = new(D, A, A, D, D),
        [Permissions.PatientsWrite] = new(D, A, A, O, D),
        [Permissions.PatientsAssign] = new(D, A, A, D, D),
        [Permissions.TherapistsAdmin] = new(D, A, A, D, D),
        [Permissions.UsersAdmin] = new(D, A, A, D, D),
        [Permissions.AccountSelf] = new(D, A, A, A, A),
        [Permissions.ScoringRead] = new(A, A, A, A, A),
        [Permissions.ScoringWrite] = new(D, A, A, D, D),
        [Permissions.OperationsRead] = new(A, A, A, D, D),
        [Permissions.OperationsWrite] = new(A, A, A, D, D),
        [Permissions.AuditRead] = new(D, A, A, D, D),
        [Permissions.ExportsPatients] = new(D, A, A, O, D),
        [Permissions.ExportsCohort] = new(D, A, A, D, P),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The rule for a permission; throws for a name that has no row (a programming error).</summary>
    public static PermissionRule Rule(string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return Table.TryGetValue(permission, out var rule)
            ? rule
            : throw new ArgumentException($"Unknown permission '{permission}': declare it in Permissions and give it a row in AccessRules.Table.", nameof(permission));
    }

    public static Grant GrantFor(Actor actor, string permission) => Rule(permission).For(actor);

    /// <summary>
    /// Route level: may the actor use a route that needs <paramref name="permission"/> at all?
    /// <see cref="Grant.OwnPatients"/> passes here; the subject is checked by <see cref="DecideFor"/>.
    /// </summary>
    public static AccessDecision Decide(Actor actor, string permission) => GrantFor(actor, permission) switch
    {
        Grant.Allowed or Grant.OwnPatients => AccessDecision.Allowed,
        Grant.Pseudonymised => AccessDecision.Pseudonymised,
        _ => AccessDecision.Forbidden,
    };

    /// <summary>
    /// Subject level: may the actor use <paramref name="permission"/> on a patient (or a session of that patient)
    /// whose therapist is <paramref name="ownerTherapistId"/>? Null means unassigned: no patient with the
    /// session's code exists, or the patient has no therapist. A therapist gets <see cref="AccessDecision.NotFound"/>
    /// for anything not theirs, never <see cref="AccessDecision.Forbidden"/>.
    /// </summary>
    public static AccessDecision DecideFor(Actor actor, string permission, Guid? ownerTherapistId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return GrantFor(actor, permission) switch
        {
            Grant.Allowed => AccessDecision.Allowed,
            Grant.Pseudonymised => AccessDecision.Pseudonymised,
            Grant.OwnPatients => actor.TherapistId is { } own && ownerTherapistId == own
                ? AccessDecision.Allowed
                : AccessDecision.NotFound,
            _ => AccessDecision.Forbidden,
        };
    }

    /// <summary>Which rows a list under <paramref name="permission"/> may show to the actor.</summary>
    public static ListScope ScopeFor(Actor actor, string permission)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return GrantFor(actor, permission) switch
        {
            Grant.Allowed => new ListScope(AccessDecision.Allowed, null),
            Grant.Pseudonymised => new ListScope(AccessDecision.Pseudonymised, null),
            Grant.OwnPatients => actor.TherapistId is { } own
                ? new ListScope(AccessDecision.Allowed, own)
                : new ListScope(AccessDecision.NotFound, null),
            _ => new ListScope(AccessDecision.Forbidden, null),
        };
    }
}
