using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Testing.Databases;
using EmgSessions.Web.Queries;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Tests.Web;

/// <summary>
/// The admin page's changes on a real database of each engine: the permission of the matching route decides, every
/// refusal says what was wrong and what to do, and every change leaves the routes' audit event.
/// </summary>
public abstract class AdminQueryTests(DatabaseEngine engine) : IAsyncLifetime
{
    private static readonly Actor Admin = Actor.Admin("admin@clinic.test");
    private static readonly CancellationToken None = CancellationToken.None;

    private TestDatabase _database = null!;
    private ISessionStore _sessions = null!;
    private IPeopleStore _people = null!;
    private AdminQuery _query = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(engine, "emgs-admin-page", migrated: true);
        _sessions = SessionStoreFactory.Create(_database.Spec, NullLoggerFactory.Instance);
        _people = PeopleStoreFactory.Create(DatabaseOptions.Parse(_database.Spec), NullLoggerFactory.Instance, TimeProvider.System);
        var accounts = new AccountAdministration(_people, new PasswordHasher<LocalAccount>(), TimeProvider.System);
        _query = new AdminQuery(_people, _people, _people, ScoringStoreFactory.For(_sessions), accounts, new PatientAdministration(_people, TimeProvider.System), _people, TimeProvider.System);
        await accounts.AddAsync(Actor.Machine("set-up"), Admin.Name, Role.Admin, "a long enough password", null, null, null, null, None);
    }

    public async Task DisposeAsync()
    {
        await _people.DisposeAsync();
        await _sessions.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_therapist_or_a_researcher_is_refused_every_change_with_the_permission_named_and_nothing_changes()
    {
        var therapist = Actor.Therapist("t@clinic.test", Guid.NewGuid());
        var researcher = Actor.Researcher("r@uni.test");

        foreach (var actor in new[] { therapist, researcher })
        {
            var outcomes = new[]
            {
                await _query.AddUserAsync(actor, "new@clinic.test", "admin", null, null, null, None),
                await _query.SetDisabledAsync(actor, Admin.Name, true, null, None),
                await _query.ResetPasswordAsync(actor, Admin.Name, null, None),
                await _query.AddTherapistAsync(actor, "Ann", "Other", Admin.Name, null, None),
                await _query.AddPatientAsync(actor, "P100", null, null, null, null, null, None),
                await _query.AssignPatientAsync(actor, "P100", null, null, None),
                await _query.ActivateConfigurationAsync(actor, Guid.NewGuid(), None),
            };

            Assert.All(outcomes, o => Assert.False(o.Ok));
            Assert.All(outcomes, o => Assert.Contains($"The role {actor.RoleName} may not do this", o.Message, StringComparison.Ordinal));
            Assert.Contains("(users.admin)", outcomes[0].Message, StringComparison.Ordinal);
            Assert.Contains("(patients.create)", outcomes[4].Message, StringComparison.Ordinal);
            Assert.Null(await _query.LoadAsync(actor, null, None));
        }

        var view = (await _query.LoadAsync(Admin, null, None))!;
        Assert.Equal([Admin.Name], view.Users.Select(u => u.Email));
        Assert.Empty(view.Patients);
        Assert.False((await _people.FindUserAsync(Admin.Name, None))!.Disabled);
    }

    [Fact]
    public async Task An_admin_adds_an_account_and_a_patient_assigns_and_disables_with_audit_events_and_each_refusal_says_what_to_do()
    {
        var added = await _query.AddUserAsync(Admin, "carla@clinic.test", "therapist", "Carla", "Neuer", "127.0.0.1", None);
        var therapist = (await _people.ListTherapistsAsync(None)).Single(t => t.Email == "carla@clinic.test");
        var patient = await _query.AddPatientAsync(Admin, " P100 ", "Zeb", "Q", "1951-07-19", null, "127.0.0.1", None);
        var assigned = await _query.AssignPatientAsync(Admin, "P100", therapist.Id.ToString(), "127.0.0.1", None);
        var disabled = await _query.SetDisabledAsync(Admin, "carla@clinic.test", true, "127.0.0.1", None);
        var reset = await _query.ResetPasswordAsync(Admin, "carla@clinic.test", "127.0.0.1", None);

        var refusals = new[]
        {
            await _query.AddUserAsync(Admin, "carla@clinic.test", "therapist", null, null, null, None),
            await _query.AddUserAsync(Admin, "x@clinic.test", "owner", null, null, null, None),
            await _query.AddPatientAsync(Admin, "P101", null, null, "19/07/1951", null, null, None),
            await _query.AssignPatientAsync(Admin, "P100", Guid.NewGuid().ToString(), null, None),
            await _query.AssignPatientAsync(Admin, "P999", null, null, None),
            await _query.SetDisabledAsync(Admin, Admin.Name, true, null, None),
            await _query.AddTherapistAsync(Admin, "Ann", "Other", Admin.Name, null, None),
            await _query.ActivateConfigurationAsync(Admin, Guid.NewGuid(), None),
        };

        Assert.True(added.Ok, added.Message);
        Assert.True(added.OneTimePassword!.Length >= AccountAdministration.MinimumPasswordLength);
        Assert.Equal("Carla Neuer", $"{therapist.FirstName} {therapist.LastName}");
        Assert.True(patient.Ok, patient.Message);
        Assert.Equal("P100 is assigned to Carla Neuer.", assigned.Message);
        Assert.Equal(therapist.Id, (await _people.GetPatientAsync("P100", None))!.TherapistId);
        Assert.Equal(new DateOnly(1951, 7, 19), (await _people.GetPatientAsync("P100", None))!.DateOfBirth);
        Assert.True(disabled.Ok, disabled.Message);
        Assert.True((await _people.FindUserAsync("carla@clinic.test", None))!.Disabled);
        Assert.NotEqual(added.OneTimePassword, reset.OneTimePassword);
        Assert.All(refusals, r => Assert.False(r.Ok));
        Assert.Equal(
            [
                "A user with the email carla@clinic.test (or that Supabase user id) exists already: choose another, or reset that user's password.",
                "Choose a role: admin, therapist or researcher.",
                "The date of birth must look like 1951-07-19.",
                "That therapist no longer exists: reload the page and choose again.",
                "No patient has the code P999: reload the page and choose again.",
                "You cannot disable your own account: ask another admin.",
                $"No therapist account has the email {Admin.Name}: add the account first (Users, role therapist), which also adds its therapist.",
                "That configuration no longer exists: reload the page.",
            ],
            refusals.Select(r => r.Message));

        var audit = await _people.ListAuditAsync(new AuditQuery(Limit: 100), None);
        var changes = audit.Items.Where(e => e.Actor == Admin.Name && e.Action != AuditActions.PatientRead).ToList();
        Assert.Contains(changes, e => e.Action == AuditActions.UserChanged && e.SubjectId == "carla@clinic.test" && e.Details.GetValueOrDefault("change") == "created" && e.Ip == "127.0.0.1");
        Assert.Contains(changes, e => e.Action == AuditActions.PatientChanged && e.SubjectId == "P100" && e.Details.GetValueOrDefault("change") == "created");
        Assert.Contains(changes, e => e.Action == AuditActions.PatientChanged && e.SubjectId == "P100" && e.Details.GetValueOrDefault("therapist_id") == therapist.Id.ToString());
        Assert.Contains(changes, e => e.Action == AuditActions.UserChanged && e.Details.GetValueOrDefault("change") == "disabled");
        Assert.Contains(changes, e => e.Action == AuditActions.PasswordReset && e.SubjectId == "carla@clinic.test");
    }
}

public sealed class SqliteAdminQueryTests() : AdminQueryTests(DatabaseEngine.Sqlite);

public sealed class PostgresAdminQueryTests() : AdminQueryTests(DatabaseEngine.Postgres);
