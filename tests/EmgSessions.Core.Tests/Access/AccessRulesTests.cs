using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Access;

public sealed class AccessRulesTests
{
    private static readonly Guid TherapistA = Guid.Parse("0b6c1f1e-0000-4000-8000-00000000000a");
    private static readonly Guid TherapistB = Guid.Parse("0b6c1f1e-0000-4000-8000-00000000000b");

    /// <summary>
    /// The expected table, written independently of <see cref="AccessRules.Table"/> from access.md §1.
    /// Columns: machine, local user, admin, therapist, researcher. A permission missing here fails the matrix.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        [Permissions.SessionsRead] = "A A A O P",
        [Permissions.SessionsUpload] = "A A A D D",
        [Permissions.SessionsReprocess] = "A A A O D",
        [Permissions.SessionsAnnotate] = "D A A O D",
        [Permissions.SessionsDelete] = "A A A D D",
        [Permissions.PatientsRead] = "D A A O P",
        [Permissions.PatientsCreate] = "D A A D D",
        [Permissions.PatientsWrite] = "D A A O D",
        [Permissions.PatientsAssign] = "D A A D D",
        [Permissions.TherapistsAdmin] = "D A A D D",
        [Permissions.UsersAdmin] = "D A A D D",
        [Permissions.AccountSelf] = "D A A A A",
        [Permissions.ScoringRead] = "A A A A A",
        [Permissions.ScoringWrite] = "D A A D D",
        [Permissions.OperationsRead] = "A A A D D",
        [Permissions.OperationsWrite] = "A A A D D",
        [Permissions.AuditRead] = "D A A D D",
        [Permissions.ExportsPatients] = "D A A O D",
        [Permissions.ExportsCohort] = "D A A D P",
    };

    private static readonly string[] ActorNames = ["machine", "local", "admin", "therapist", "researcher"];

    public static TheoryData<string, string> EveryPermissionForEveryActor()
    {
        var data = new TheoryData<string, string>();
        foreach (var permission in Permissions.All)
        {
            foreach (var actor in ActorNames)
            {
                data.Add(permission, actor);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPermissionForEveryActor))]
    public void Each_actor_gets_exactly_the_grant_access_md_gives_it_for_each_permission(string permission, string actorName)
    {
        Assert.True(Expected.TryGetValue(permission, out var row), $"Permission {permission} has no expected row in this test: decide who may use it and add it.");
        var expected = Parse(row!.Split(' ')[Array.IndexOf(ActorNames, actorName)]);

        Assert.Equal(expected, AccessRules.GrantFor(ActorNamed(actorName), permission));
    }

    [Fact]
    public void Every_declared_permission_has_a_rule_and_every_rule_a_declared_permission()
    {
        Assert.Equal(19, Permissions.All.Count);
        Assert.Equal(Permissions.All.Order(StringComparer.Ordinal), AccessRules.Table.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Permissions.All.Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Permission_names_are_lower_case_area_dot_verb()
    {
        Assert.All(Permissions.All, name => Assert.Matches("^[a-z]+\\.[a-z]+$", name));
        Assert.Contains("sessions.read", Permissions.All);
        Assert.Contains("exports.cohort", Permissions.All);
    }

    [Fact]
    public void An_unknown_permission_is_a_programming_error_that_names_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => AccessRules.Decide(Actor.Admin("a@example.org"), "sessions.frobnicate"));

        Assert.Contains("sessions.frobnicate", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccessRules.Table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_route_level_a_therapist_passes_own_patient_permissions_and_is_forbidden_admin_ones()
    {
        var therapist = Actor.Therapist("t@example.org", TherapistA);

        Assert.Equal(AccessDecision.Allowed, AccessRules.Decide(therapist, Permissions.SessionsRead));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(therapist, Permissions.UsersAdmin));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(therapist, Permissions.AuditRead));
        Assert.Equal(AccessDecision.Pseudonymised, AccessRules.Decide(Actor.Researcher("r@example.org"), Permissions.SessionsRead));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(Actor.Researcher("r@example.org"), Permissions.SessionsReprocess));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.Decide(Actor.Machine("ci-script"), Permissions.PatientsRead));
    }

    [Fact]
    public void A_therapist_may_read_and_change_their_own_patients()
    {
        var therapist = Actor.Therapist("a@example.org", TherapistA);

        Assert.Equal(AccessDecision.Allowed, AccessRules.DecideFor(therapist, Permissions.PatientsRead, TherapistA));
        Assert.Equal(AccessDecision.Allowed, AccessRules.DecideFor(therapist, Permissions.PatientsWrite, TherapistA));
        Assert.Equal(AccessDecision.Allowed, AccessRules.DecideFor(therapist, Permissions.SessionsReprocess, TherapistA));
        Assert.Equal(AccessDecision.Allowed, AccessRules.DecideFor(therapist, Permissions.SessionsAnnotate, TherapistA));
    }

    [Theory]
    [InlineData(Permissions.PatientsRead)]
    [InlineData(Permissions.PatientsWrite)]
    [InlineData(Permissions.SessionsRead)]
    [InlineData(Permissions.SessionsReprocess)]
    [InlineData(Permissions.SessionsAnnotate)]
    [InlineData(Permissions.ExportsPatients)]
    public void Another_therapists_patient_is_not_found_rather_than_forbidden(string permission)
    {
        var therapist = Actor.Therapist("a@example.org", TherapistA);

        Assert.Equal(AccessDecision.NotFound, AccessRules.DecideFor(therapist, permission, TherapistB));
    }

    [Fact]
    public void Unassigned_sessions_are_not_found_for_therapists_and_visible_to_admins_and_researchers()
    {
        Assert.Equal(AccessDecision.NotFound, AccessRules.DecideFor(Actor.Therapist("a@example.org", TherapistA), Permissions.SessionsRead, null));
        Assert.Equal(AccessDecision.Allowed, AccessRules.DecideFor(Actor.Admin("admin@example.org"), Permissions.SessionsRead, null));
        Assert.Equal(AccessDecision.Pseudonymised, AccessRules.DecideFor(Actor.Researcher("r@example.org"), Permissions.SessionsRead, null));
        Assert.Equal(AccessDecision.Allowed, AccessRules.DecideFor(Actor.Machine("webhook-script"), Permissions.SessionsRead, null));
    }

    [Fact]
    public void A_therapist_without_a_therapist_row_sees_no_patient_at_all()
    {
        var unlinked = Actor.Therapist("new@example.org", null);

        Assert.Equal(AccessDecision.NotFound, AccessRules.DecideFor(unlinked, Permissions.PatientsRead, TherapistA));
        Assert.Equal(AccessDecision.NotFound, AccessRules.DecideFor(unlinked, Permissions.SessionsRead, null));
        Assert.Equal(new ListScope(AccessDecision.NotFound, null), AccessRules.ScopeFor(unlinked, Permissions.SessionsRead));
    }

    [Fact]
    public void A_researcher_reads_everyone_pseudonymised_and_changes_nothing()
    {
        var researcher = Actor.Researcher("r@example.org");

        Assert.Equal(AccessDecision.Pseudonymised, AccessRules.DecideFor(researcher, Permissions.PatientsRead, TherapistA));
        Assert.Equal(AccessDecision.Pseudonymised, AccessRules.DecideFor(researcher, Permissions.ExportsCohort, null));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.DecideFor(researcher, Permissions.PatientsWrite, TherapistA));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.DecideFor(researcher, Permissions.SessionsAnnotate, TherapistA));
    }

    [Fact]
    public void A_permission_the_role_lacks_is_forbidden_even_on_the_therapists_own_patient()
    {
        var therapist = Actor.Therapist("a@example.org", TherapistA);

        Assert.Equal(AccessDecision.Forbidden, AccessRules.DecideFor(therapist, Permissions.SessionsDelete, TherapistA));
        Assert.Equal(AccessDecision.Forbidden, AccessRules.DecideFor(therapist, Permissions.PatientsAssign, TherapistA));
    }

    [Fact]
    public void List_scopes_restrict_a_therapist_to_their_own_patients_and_leave_others_unrestricted()
    {
        Assert.Equal(new ListScope(AccessDecision.Allowed, TherapistA), AccessRules.ScopeFor(Actor.Therapist("a@example.org", TherapistA), Permissions.PatientsRead));
        Assert.Equal(new ListScope(AccessDecision.Allowed, null), AccessRules.ScopeFor(Actor.Admin("admin@example.org"), Permissions.PatientsRead));
        Assert.Equal(new ListScope(AccessDecision.Allowed, null), AccessRules.ScopeFor(Actor.LocalUser, Permissions.PatientsRead));
        Assert.Equal(new ListScope(AccessDecision.Pseudonymised, null), AccessRules.ScopeFor(Actor.Researcher("r@example.org"), Permissions.PatientsRead));
        Assert.Equal(new ListScope(AccessDecision.Forbidden, null), AccessRules.ScopeFor(Actor.Machine("script"), Permissions.PatientsRead));
    }

    private static Actor ActorNamed(string name) => name switch
    {
        "machine" => Actor.Machine("nightly-export"),
        "local" => Actor.LocalUser,
        "admin" => Actor.Admin("admin@example.org"),
        "therapist" => Actor.Therapist("a@example.org", TherapistA),
        "researcher" => Actor.Researcher("r@example.org"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown actor in the test table."),
    };

    private static Grant Parse(string letter) => letter switch
    {
        "A" => Grant.Allowed,
        "O" => Grant.OwnPatients,
        "P" => Grant.Pseudonymised,
        "D" => Grant.Denied,
        _ => throw new ArgumentOutOfRangeException(nameof(letter), letter, "Unknown grant letter in the test table."),
    };
}
