using System.Data.Common;
using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EmgSessions.Core.Tests.Stores.People;

/// <summary>Every behaviour of <see cref="IPeopleStore"/> and the sessions list's patient filters, run on both engines by the subclasses.</summary>
public abstract class PeopleStoreTests(TestDatabases databases)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    protected TestDatabases Databases { get; } = databases;

    [Fact]
    public async Task A_user_is_created_found_whatever_the_case_of_the_email_and_listed_without_its_hash()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;

        var created = await store.CreateUserAsync(new NewUser("Ana.Admin@Example.org", "hash-1", Role.Admin), None);

        Assert.Equal("Ana.Admin@Example.org", created.Email);
        Assert.Equal(Role.Admin, created.Role);
        Assert.False(created.Disabled);
        Assert.Equal(_clock.GetUtcNow(), created.CreatedAt);
        Assert.Null(created.LastSignInAt);
        var account = await store.FindByEmailAsync("ana.admin@EXAMPLE.org", None);
        Assert.NotNull(account);
        Assert.Equal((created.Id, "hash-1", Role.Admin, false, 0), (account.Id, account.PasswordHash, account.Role, account.Disabled, account.FailedSignIns));
        Assert.Equal([created], await store.ListUsersAsync(None));
        Assert.True(await store.AnyUsersAsync(None));
        Assert.Null(await store.FindByEmailAsync("nobody@example.org", None));
    }

    [Fact]
    public async Task A_second_user_with_the_same_email_in_another_case_is_refused_with_a_message()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        Assert.False(await store.AnyUsersAsync(None));
        await store.CreateUserAsync(new NewUser("rita@example.org", "h", Role.Researcher), None);

        var error = await Assert.ThrowsAsync<PeopleConflictException>(() => store.CreateUserAsync(new NewUser("RITA@example.org", "h", Role.Admin), None));

        Assert.Equal("A user with the email RITA@example.org (or that Supabase user id) exists already: choose another, or reset that user's password.", error.Message);
        Assert.Single(await store.ListUsersAsync(None));
    }

    [Fact]
    public async Task Failures_count_atomically_lock_and_a_success_or_a_reset_clears_them()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        var user = await store.CreateUserAsync(new NewUser("t@example.org", "old", Role.Therapist), None);

        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.IncrementFailedSignInsAsync(user.Id, None)));
        var until = _clock.GetUtcNow().AddMinutes(2);
        await store.LockUntilAsync(user.Id, until, None);

        Assert.Equal(Enumerable.Range(1, 8), counts.Order());
        var locked = (await store.FindByEmailAsync("t@example.org", None))!;
        Assert.Equal((8, until), (locked.FailedSignIns, locked.LockedUntil));

        var at = _clock.GetUtcNow().AddMinutes(3);
        await store.RecordSuccessfulSignInAsync(user.Id, at, "rehashed", None);
        var signedIn = (await store.FindUserAsync("t@example.org", None))!;
        Assert.Equal((0, (DateTimeOffset?)null, (DateTimeOffset?)at), (signedIn.FailedSignIns, signedIn.LockedUntil, signedIn.LastSignInAt));
        Assert.Equal("rehashed", (await store.FindByEmailAsync("t@example.org", None))!.PasswordHash);

        await store.IncrementFailedSignInsAsync(user.Id, None);
        await store.LockUntilAsync(user.Id, until, None);
        Assert.True(await store.SetPasswordHashAsync("T@example.org", "reset", None));
        var reset = (await store.FindByEmailAsync("t@example.org", None))!;
        Assert.Equal(("reset", 0, (DateTimeOffset?)null), (reset.PasswordHash, reset.FailedSignIns, reset.LockedUntil));
        Assert.False(await store.SetPasswordHashAsync("nobody@example.org", "x", None));
    }

    [Fact]
    public async Task A_disabled_user_stays_listed_as_disabled_and_can_be_enabled_again()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        await store.CreateUserAsync(new NewUser("r@example.org", "h", Role.Researcher), None);

        Assert.True(await store.SetDisabledAsync("R@example.org", true, None));
        Assert.True((await store.FindByEmailAsync("r@example.org", None))!.Disabled);
        Assert.True(Assert.Single(await store.ListUsersAsync(None)).Disabled);
        Assert.True(await store.SetDisabledAsync("r@example.org", false, None));
        Assert.False((await store.FindUserAsync("r@example.org", None))!.Disabled);
        Assert.False(await store.SetDisabledAsync("nobody@example.org", true, None));
    }

    [Fact]
    public async Task The_sign_in_service_over_the_real_table_locks_after_five_failures_and_refuses_the_right_password_until_it_lifts()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        var hasher = new PasswordHasher<LocalAccount>();
        var placeholder = new LocalAccount(Guid.Empty, "a@example.org", "", Role.Admin, null, false, 0, null);
        await store.CreateUserAsync(new NewUser("a@example.org", hasher.HashPassword(placeholder, "right password"), Role.Admin), None);
        var service = new SignInService(store, hasher, LockoutPolicy.Default, _clock, store, NullLogger<SignInService>.Instance);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInOutcome.Failed, (await service.SignInAsync("a@example.org", "wrong", "192.0.2.1", None)).Outcome);
        }

        Assert.Equal(SignInOutcome.LockedOut, (await service.SignInAsync("a@example.org", "wrong", "192.0.2.1", None)).Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await service.SignInAsync("a@example.org", "right password", "192.0.2.1", None)).Outcome);
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var result = await service.SignInAsync("A@example.org", "right password", "192.0.2.1", None);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal(Actor.Admin("a@example.org"), result.Actor);
        var audit = await store.ListAuditAsync(new AuditQuery(Actor: "a@example.org"), None);
        Assert.Equal(7, audit.Total);
        Assert.Equal(AuditActions.SignInSucceeded, audit.Items[0].Action);
        Assert.Equal(6, audit.Items.Count(e => e.Action == AuditActions.SignInFailed));
        Assert.Equal(_clock.GetUtcNow(), (await store.FindUserAsync("a@example.org", None))!.LastSignInAt);
    }

    [Fact]
    public async Task A_therapist_created_for_a_user_is_linked_to_it_and_listed_with_its_email()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        var user = await store.CreateUserAsync(new NewUser("ana@example.org", "h", Role.Therapist), None);

        var therapist = await store.CreateTherapistAsync("Ana", "Ødegård", user.Id, None);

        Assert.Equal((user.Id, "Ana", "Ødegård", "ana@example.org"), (therapist.UserId, therapist.FirstName, therapist.LastName, therapist.Email));
        Assert.Equal(therapist.Id, (await store.FindByEmailAsync("ana@example.org", None))!.TherapistId);
        Assert.Equal([therapist], await store.ListTherapistsAsync(None));
        Assert.Equal(therapist, await store.GetTherapistAsync(therapist.Id, None));
        Assert.Null(await store.GetTherapistAsync(Guid.NewGuid(), None));
        var again = await Assert.ThrowsAsync<PeopleConflictException>(() => store.CreateTherapistAsync("Ana", "Two", user.Id, None));
        Assert.Equal($"The user {user.Id} has a therapist already: link to that one.", again.Message);
    }

    [Fact]
    public async Task A_patient_is_created_read_by_code_given_targets_and_assigned()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        var a = await TherapistAsync(store, "a@example.org");
        var b = await TherapistAsync(store, "b@example.org");

        var created = await store.CreatePatientAsync(new NewPatient(
            " P001 ", a, "Jan", "Peeters", new DateOnly(1950, 2, 3), new DateOnly(2026, 1, 5),
            new PatientTargets(MvcCh1: 0.25, DurationCh1Ms: 2000, ContractionsCh1: 12, BfrPercent: 50)), None);

        Assert.Equal(("P001", (Guid?)a, "Jan", "Peeters", (DateOnly?)new DateOnly(1950, 2, 3), (DateOnly?)new DateOnly(2026, 1, 5)),
            (created.PatientCode, created.TherapistId, created.FirstName, created.LastName, created.DateOfBirth, created.TreatmentStartDate));
        Assert.Equal(new PatientTargets(MvcCh1: 0.25, DurationCh1Ms: 2000, ContractionsCh1: 12, BfrPercent: 50), created.Targets);
        Assert.Equal(created, await store.GetPatientAsync("P001", None));

        var retargeted = await store.UpdateTargetsAsync("P001", new PatientTargets(MvcCh2: 0.5, ContractionsCh2: 8), None);
        Assert.Equal(new PatientTargets(MvcCh2: 0.5, ContractionsCh2: 8), retargeted!.Targets);
        Assert.Null(await store.UpdateTargetsAsync("P404", new PatientTargets(MvcCh1: 1), None));

        var moved = await store.AssignPatientAsync("P001", b, None);
        Assert.Equal(b, moved!.TherapistId);
        Assert.Equal(b, (await store.FindAsync("P001", None))?.TherapistId);
        Assert.Null(await store.AssignPatientAsync("P404", b, None));
    }

    [Fact]
    public async Task Patients_are_listed_by_code_and_a_therapist_scope_lists_only_that_therapists_patients()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        var a = await TherapistAsync(store, "a@example.org");
        var b = await TherapistAsync(store, "b@example.org");
        await store.CreatePatientAsync(new NewPatient("P003", b), None);
        await store.CreatePatientAsync(new NewPatient("P001", a), None);
        await store.CreatePatientAsync(new NewPatient("P002"), None);

        Assert.Equal(["P001", "P002", "P003"], (await store.ListPatientsAsync(null, None)).Select(p => p.PatientCode));
        Assert.Equal(["P001"], (await store.ListPatientsAsync(a, None)).Select(p => p.PatientCode));
        Assert.Equal(["P003"], (await store.ListPatientsAsync(b, None)).Select(p => p.PatientCode));
        Assert.Empty(await store.ListPatientsAsync(Guid.NewGuid(), None));
        var unassigned = await store.FindAsync("P002", None);
        Assert.Equal(("P002", (Guid?)null), (unassigned?.PatientCode, unassigned?.TherapistId));
        Assert.Null(await store.FindAsync("P404", None));
        Assert.True(await store.HasPatientsAsync(a, None));
        Assert.False(await store.HasPatientsAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task A_duplicate_code_or_an_unknown_therapist_is_refused_with_a_message_and_nothing_is_written()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        await store.CreatePatientAsync(new NewPatient("P001"), None);
        var unknown = Guid.Parse("99999999-0000-4000-8000-000000000009");

        var duplicate = await Assert.ThrowsAsync<PeopleConflictException>(() => store.CreatePatientAsync(new NewPatient("P001"), None));
        var noTherapist = await Assert.ThrowsAsync<PeopleConflictException>(() => store.CreatePatientAsync(new NewPatient("P002", unknown), None));
        var noTherapistAssign = await Assert.ThrowsAsync<PeopleConflictException>(() => store.AssignPatientAsync("P001", unknown, None));

        Assert.Equal("A patient with the code P001 exists already: choose another code, or change that patient.", duplicate.Message);
        Assert.Equal($"No therapist has the id {unknown}: list the therapists and use one of their ids.", noTherapist.Message);
        Assert.Equal(noTherapist.Message, noTherapistAssign.Message);
        Assert.Equal(["P001"], (await store.ListPatientsAsync(null, None)).Select(p => p.PatientCode));
        Assert.Null((await store.GetPatientAsync("P001", None))!.TherapistId);
    }

    [Fact]
    public async Task A_write_whose_body_fails_after_its_insert_commits_nothing_and_the_caller_sees_the_bodys_own_exception()
    {
        await using var database = PeopleStoreFactory.OpenDatabase(DatabaseOptions.Parse(await Databases.NewMigratedDatabaseAsync()), NullLogger.Instance);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => database.WriteAsync<int>(async (connection, transaction) =>
        {
            Assert.Equal(1, await InsertPatientAsync(database, connection, transaction, "P900"));
            throw new InvalidOperationException("the body failed after its insert");
        }, None));
        var committed = await database.WriteAsync((connection, transaction) => InsertPatientAsync(database, connection, transaction, "P901"), None);

        Assert.Equal("the body failed after its insert", failure.Message);
        Assert.Equal(1, committed);
        Assert.Equal(["P901"], await PatientCodesAsync(database));
    }

    [Fact]
    public async Task A_cancelled_write_runs_no_body_and_throws_operation_cancelled()
    {
        await using var database = PeopleStoreFactory.OpenDatabase(DatabaseOptions.Parse(await Databases.NewMigratedDatabaseAsync()), NullLogger.Instance);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.WriteAsync((connection, transaction) =>
        {
            ran = true;
            return InsertPatientAsync(database, connection, transaction, "P902");
        }, cancelled.Token));

        Assert.False(ran);
        Assert.Empty(await PatientCodesAsync(database));
    }

    [Fact]
    public async Task Audit_events_are_listed_newest_first_with_filters_and_paging()
    {
        var (store, _) = await NewAsync();
        await using var _store = store;
        var admin = Actor.Admin("admin@example.org");
        var therapist = Actor.Therapist("t@example.org", Guid.NewGuid());
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(AuditEvent.By(i % 2 == 0 ? admin : therapist, AuditActions.PatientRead, _clock, "patient", $"P00{i}", "192.0.2.9",
                new Dictionary<string, string>(StringComparer.Ordinal) { ["fields"] = "targets", ["ü"] = "✓" }), None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await store.AppendAsync(AuditEvent.By(admin, AuditActions.Export, _clock, "export", "cohort"), None);

        var all = await store.ListAuditAsync(new AuditQuery(), None);
        Assert.Equal(6, all.Total);
        Assert.Equal([AuditActions.Export, .. Enumerable.Repeat(AuditActions.PatientRead, 5)], all.Items.Select(e => e.Action));
        var newestRead = all.Items[1];
        Assert.Equal(("admin@example.org", "admin", "patient", "P004", "192.0.2.9"), (newestRead.Actor, newestRead.ActorRole, newestRead.SubjectType, newestRead.SubjectId, newestRead.Ip));
        Assert.Equal("✓", newestRead.Details["ü"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 9, 0, 4, TimeSpan.Zero), newestRead.At);

        var page = await store.ListAuditAsync(new AuditQuery(Action: AuditActions.PatientRead, Limit: 2, Offset: 1), None);
        Assert.Equal(5, page.Total);
        Assert.Equal(["P003", "P002"], page.Items.Select(e => e.SubjectId));
        Assert.Equal(["P003", "P001"], (await store.ListAuditAsync(new AuditQuery(Actor: "t@example.org"), None)).Items.Select(e => e.SubjectId));
        var window = await store.ListAuditAsync(new AuditQuery(
            From: new DateTimeOffset(2026, 12, 4, 9, 0, 1, TimeSpan.Zero), To: new DateTimeOffset(2026, 12, 4, 9, 0, 2, TimeSpan.Zero)), None);
        Assert.Equal(["P002", "P001"], window.Items.Select(e => e.SubjectId));
        Assert.Equal(["cohort"], (await store.ListAuditAsync(new AuditQuery(SubjectType: "export"), None)).Items.Select(e => e.SubjectId));
        Assert.Equal(["P002"], (await store.ListAuditAsync(new AuditQuery(SubjectId: "P002"), None)).Items.Select(e => e.SubjectId));
    }

    [Fact]
    public async Task Sql_that_updates_deletes_or_empties_audit_events_is_refused_by_the_database()
    {
        var (store, spec) = await NewAsync();
        await using var _store = store;
        await store.AppendAsync(AuditEvent.By(Actor.Admin("a@example.org"), AuditActions.UserChanged, _clock, "user", "x@example.org"), None);

        foreach (var sql in new[] { "UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events" }
            .Concat(Databases.Engine == DatabaseEngine.Postgres ? ["TRUNCATE audit_events"] : []))
        {
            var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Databases.ExecuteAsync(spec, sql));
            Assert.Contains("audit_events is append-only", error.Message, StringComparison.Ordinal);
        }

        var kept = Assert.Single((await store.ListAuditAsync(new AuditQuery(), None)).Items);
        Assert.Equal(("a@example.org", "x@example.org"), (kept.Actor, kept.SubjectId));
    }

    [Fact]
    public async Task The_sessions_list_of_a_therapist_scope_shows_exactly_their_patients_sessions_and_unknown_codes_show_as_unassigned()
    {
        var (store, spec) = await NewAsync();
        await using var _store = store;
        await using var sessions = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        var a = await TherapistAsync(store, "a@example.org");
        var b = await TherapistAsync(store, "b@example.org");
        await store.CreatePatientAsync(new NewPatient("P001", a), None);
        await store.CreatePatientAsync(new NewPatient("P002", b), None);
        await store.CreatePatientAsync(new NewPatient("P003"), None);
        foreach (var path in new[] { "P001/s1/a.c3d", "P001/s2/b.c3d", "P002/s1/c.c3d", "P003/s1/d.c3d", "P999/s1/e.c3d", "loose.c3d" })
        {
            await sessions.RegisterUploadAsync(SessionStoreTests.Upload(path, path), None);
        }

        async Task<IEnumerable<string>> PathsAsync(SessionQuery query) =>
            (await sessions.ListSessionsAsync(query, None)).Items.Select(s => s.FilePath).Order(StringComparer.Ordinal);

        Assert.Equal(["P001/s1/a.c3d", "P001/s2/b.c3d"], await PathsAsync(new SessionQuery(TherapistId: a)));
        Assert.Equal(["P002/s1/c.c3d"], await PathsAsync(new SessionQuery(TherapistId: b)));
        Assert.Empty(await PathsAsync(new SessionQuery(TherapistId: Guid.NewGuid())));
        Assert.Equal(["P003/s1/d.c3d", "P999/s1/e.c3d", "loose.c3d"], await PathsAsync(new SessionQuery(Unassigned: true)));
        Assert.Equal(2, (await sessions.ListSessionsAsync(new SessionQuery(TherapistId: a, Limit: 1), None)).Total);
    }

    private async Task<(IPeopleStore Store, string Spec)> NewAsync()
    {
        var spec = await Databases.NewMigratedDatabaseAsync();
        return (PeopleStoreFactory.Create(DatabaseOptions.Parse(spec), NullLoggerFactory.Instance, _clock), spec);
    }

    private static async Task<int> InsertPatientAsync(PeopleDatabase database, DbConnection connection, DbTransaction transaction, string code)
    {
        await using var insert = PeopleDatabase.Command(connection, transaction, "INSERT INTO patients (id, patient_code) VALUES (@id, @code)");
        database.AddId(insert, "@id", Guid.NewGuid());
        PeopleDatabase.AddText(insert, "@code", code);
        return await insert.ExecuteNonQueryAsync(None);
    }

    private static Task<List<string>> PatientCodesAsync(PeopleDatabase database) =>
        database.ReadAsync(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, "SELECT patient_code FROM patients ORDER BY patient_code");
            await using var reader = await command.ExecuteReaderAsync(None);
            var codes = new List<string>();
            while (await reader.ReadAsync(None))
            {
                codes.Add(reader.GetString(0));
            }

            return codes;
        }, None);

    private static async Task<Guid> TherapistAsync(IPeopleStore store, string email)
    {
        var user = await store.CreateUserAsync(new NewUser(email, "h", Role.Therapist), None);
        return (await store.CreateTherapistAsync(email[..1].ToUpperInvariant(), "Therapist", user.Id, None)).Id;
    }
}
