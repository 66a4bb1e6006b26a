using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Tests.Cli;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Tests.Adoption;

/// <summary>
/// The predecessor's own therapists and patients after adoption, used as they are: the patient directory and the
/// sessions list's therapist scope over them. Run for an August shape (therapists table, names) and the September
/// shape (therapists are user_profiles, no names) by the sealed subclasses.
/// </summary>
public abstract class PredecessorPeopleTests(PredecessorState state)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_therapists_scope_on_the_adopted_database_sees_exactly_their_patients_sessions()
    {
        await using var database = await PredecessorDatabase.CreateAsync(state);
        Assert.Equal(0, (await EmgsCli.RunAsync("migrate", "--database", database.Spec)).Code);
        var options = DatabaseOptions.Parse(database.Spec);
        await using var people = PeopleStoreFactory.Create(options, NullLoggerFactory.Instance, TimeProvider.System);
        await using var sessions = SessionStoreFactory.Create(options, NullLoggerFactory.Instance);
        var therapistId = state.IsSeptember ? PredecessorRows.UserTherapist : PredecessorRows.Therapist;

        var therapist = Assert.Single(await people.ListTherapistsAsync(None));
        Assert.Equal((therapistId, "Ana", "Ødegård"), (therapist.Id, therapist.FirstName, therapist.LastName));
        Assert.Equal(therapistId, (await people.FindAsync("P004", None))?.TherapistId);
        Assert.Null(await people.FindAsync("P999", None));
        Assert.True(await people.HasPatientsAsync(therapistId, None));
        var patients = await people.ListPatientsAsync(therapistId, None);
        Assert.Equal(["P001", "P004"], patients.Select(p => p.PatientCode));
        Assert.Equal(state.IsSeptember ? null : "Peeters", patients[0].LastName);
        Assert.Equal(state.IsSeptember ? null : new DateOnly(1950, 2, 3), patients[0].DateOfBirth);

        var scope = AccessRules.ScopeFor(Actor.Therapist("ana@example.org", therapistId), Permissions.SessionsRead);
        var seen = await sessions.ListSessionsAsync(new SessionQuery(TherapistId: scope.TherapistId), None);
        Assert.Equal(
            new[] { PredecessorRows.Completed, PredecessorRows.PendingPrefixed, PredecessorRows.Processing, PredecessorRows.Failed, PredecessorRows.Reprocessing }.Order(),
            seen.Items.Select(s => s.Id).Order());
        Assert.Empty((await sessions.ListSessionsAsync(new SessionQuery(TherapistId: Guid.NewGuid()), None)).Items);
        Assert.Equal([PredecessorRows.Unassigned], (await sessions.ListSessionsAsync(new SessionQuery(Unassigned: true), None)).Items.Select(s => s.Id));

        // What the predecessor's table cannot hold is refused with its name, and nothing is written.
        if (state.IsSeptember)
        {
            var error = await Assert.ThrowsAsync<PeopleConflictException>(() => people.CreatePatientAsync(new NewPatient("P010", therapistId, "Name", null, new DateOnly(1960, 1, 1)), None));
            Assert.Equal("This database's patients table has no column for first_name, date_of_birth (it is kept as the predecessor made it): leave them out.", error.Message);
            var created = await people.CreatePatientAsync(new NewPatient("P010", therapistId, Targets: new PatientTargets(MvcCh1: 0.3)), None);
            Assert.Equal(0.3, created.Targets.MvcCh1!.Value, 9);
        }
        else
        {
            var error = await Assert.ThrowsAsync<PeopleConflictException>(() => people.CreatePatientAsync(new NewPatient("P010", therapistId), None));
            Assert.Equal("This database requires first name for every patient (as the predecessor did): give it.", error.Message);
            var created = await people.CreatePatientAsync(new NewPatient("P010", therapistId, "Mia", "Claes", new DateOnly(1960, 1, 1)), None);
            Assert.Equal("Claes", created.LastName);
        }

        Assert.Equal(3, (await people.ListPatientsAsync(therapistId, None)).Count);
    }
}
