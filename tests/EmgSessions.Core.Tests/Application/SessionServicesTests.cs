using System.Globalization;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Operations;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Caching;
using EmgSessions.Core.Database;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Core.Tests.Ingestion;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Options = Microsoft.Extensions.Options.Options;

namespace EmgSessions.Core.Tests.Application;

public sealed class SqliteSessionServicesTests(SqliteIngestionDatabase database)
    : SessionServicesTests(database), IClassFixture<SqliteIngestionDatabase>;

public sealed class PostgresSessionServicesTests(PostgresIngestionDatabase database)
    : SessionServicesTests(database), IClassFixture<PostgresIngestionDatabase>;

/// <summary>
/// The session and cache services on a real store: one meaning of "has analytics" and of the error message for every
/// transport, and the access rules applied once (403 by role, 404 for another therapist's patient, researchers'
/// pseudonymised views).
/// </summary>
public abstract class SessionServicesTests(IngestionDatabase database) : IDisposable
{
    private static readonly Guid OwnTherapist = Guid.Parse("0193a0c2-0000-7000-8000-000000000001");
    private static readonly Guid OtherTherapist = Guid.Parse("0193a0c2-0000-7000-8000-000000000002");

    private readonly string _code = "P" + Random.Shared.Next(1000, 9_999_999).ToString(CultureInfo.InvariantCulture);
    private readonly IngestionHarness _harness = new(database.Store);

    public void Dispose()
    {
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }

    private PatientView Patient => new(_code, OwnTherapist, "Ada", "Lovelace", new DateOnly(1990, 6, 15), null, null, "private note");

    [Fact]
    public async Task Has_analytics_means_an_analytics_object_in_the_stored_entry_for_the_session_and_its_status_alike()
    {
        // Given one session whose stored entry has no analytics object (a bare predecessor header) and one that has.
        var bare = await RegisterAsync("bare");
        var analysed = await RegisterAsync("analysed");
        await SetAsync(bare, "analytics_cache", """{"processing_version":"legacy","metadata":{}}""");
        await SetAsync(analysed, "analytics_cache", """{"processing_version":"legacy","analytics":{"CH1":{"rms":0.25}}}""");
        var queries = Queries(new UnassignedPatientDirectory());

        var bareDetails = (await queries.GetAsync(Actor.LocalUser, bare, CancellationToken.None)).Value!;
        var bareStatus = (await queries.GetProcessingAsync(Actor.LocalUser, bare, includeAnalysis: true, CancellationToken.None)).Value!;
        var analysedDetails = (await queries.GetAsync(Actor.LocalUser, analysed, CancellationToken.None)).Value!;
        var analysedStatus = (await queries.GetProcessingAsync(Actor.LocalUser, analysed, includeAnalysis: true, CancellationToken.None)).Value!;

        Assert.False(bareDetails.HasAnalytics);
        Assert.False(bareStatus.HasAnalysis);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bareStatus.AnalysisResults!.Value.ValueKind);
        Assert.True(analysedDetails.HasAnalytics);
        Assert.True(analysedStatus.HasAnalysis);
        Assert.Equal(0.25, analysedStatus.AnalysisResults!.Value.GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble(), 12);
    }

    [Fact]
    public async Task The_error_message_shows_no_server_path_in_the_session_and_in_its_status_alike()
    {
        var id = await RegisterAsync("failed");
        await SetAsync(id, "processing_error_message", "Cannot read /var/lib/emgs/spool/abc.c3d: gone");
        var queries = Queries(new UnassignedPatientDirectory());

        var details = (await queries.GetAsync(Actor.Machine("ci"), id, CancellationToken.None)).Value!;
        var status = (await queries.GetProcessingAsync(Actor.Machine("ci"), id, includeAnalysis: false, CancellationToken.None)).Value!;

        Assert.Equal("Cannot read <server path> gone", details.ProcessingErrorMessage!.Replace(":", "", StringComparison.Ordinal));
        Assert.Equal(details.ProcessingErrorMessage, status.ErrorMessage);
        Assert.Null(status.AnalysisResults);
    }

    [Fact]
    public async Task A_therapist_sees_their_patients_session_and_gets_not_found_for_anyone_elses_never_forbidden()
    {
        var id = await RegisterAsync("owned");
        var queries = Queries(new FixedPatientDirectory(Patient));
        var own = Actor.Therapist("own@clinic.test", OwnTherapist);
        var other = Actor.Therapist("other@clinic.test", OtherTherapist);

        var mine = await queries.GetAsync(own, id, CancellationToken.None);
        var theirs = await queries.GetAsync(other, id, CancellationToken.None);
        var theirStatus = await queries.GetProcessingAsync(other, id, false, CancellationToken.None);
        var theirAnalytics = await queries.GetAnalyticsAsync(other, id, CancellationToken.None);
        var missing = await queries.GetAsync(other, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(AnswerKind.Ok, mine.Kind);
        Assert.Equal("Ada", mine.Value!.Patient!.FirstName);
        Assert.Equal(AnswerKind.NotFound, theirs.Kind);
        Assert.Equal(AnswerKind.NotFound, theirStatus.Kind);
        Assert.Equal(AnswerKind.NotFound, theirAnalytics.Kind);
        Assert.Equal(missing.Title, theirs.Title);
        Assert.Equal(0, (await database.Store.GetSessionAsync(id, CancellationToken.None))!.CacheHits);
    }

    [Fact]
    public async Task Unassigned_sessions_are_hidden_from_therapists_and_shown_to_admins_and_machines()
    {
        var id = await RegisterAsync("unassigned");
        var queries = Queries(new UnassignedPatientDirectory());
        var query = new SessionQuery(PatientId: _code);

        var therapistList = await queries.ListAsync(Actor.Therapist("own@clinic.test", OwnTherapist), query, CancellationToken.None);
        var unlinkedList = await queries.ListAsync(Actor.Therapist("new@clinic.test", null), query, CancellationToken.None);
        var therapistRead = await queries.GetAsync(Actor.Therapist("own@clinic.test", OwnTherapist), id, CancellationToken.None);
        var adminList = await queries.ListAsync(Actor.Admin("admin@clinic.test"), query, CancellationToken.None);
        var machineRead = await queries.GetAsync(Actor.Machine("ci"), id, CancellationToken.None);

        Assert.Empty(therapistList.Value!.Items);
        Assert.Equal(0, therapistList.Value.Total);
        Assert.Empty(unlinkedList.Value!.Items);
        Assert.Equal(AnswerKind.NotFound, therapistRead.Kind);
        Assert.Equal(id, Assert.Single(adminList.Value!.Items).Id);
        Assert.Equal(AnswerKind.Ok, machineRead.Kind);
    }

    [Fact]
    public async Task Listed_rows_carry_the_stored_analytics_and_a_filter_on_a_therapist_without_patients_or_another_therapist_lists_nothing()
    {
        var id = await RegisterAsync("rows");
        await SetAsync(id, "analytics_cache", """{"processing_version":"legacy","analytics":{"CH1":{"contraction_count":7}}}""");
        var queries = Queries(new FixedPatientDirectory(Patient));
        var own = Actor.Therapist("own@clinic.test", OwnTherapist);
        var admin = Actor.Admin("admin@clinic.test");

        var rows = await queries.ListRowsAsync(admin, new SessionQuery(PatientId: _code), CancellationToken.None);
        var researched = await queries.ListRowsAsync(Actor.Researcher("r@uni.test"), new SessionQuery(PatientId: _code), CancellationToken.None);
        var foreign = await queries.ListRowsAsync(own, new SessionQuery(PatientId: _code, TherapistId: OtherTherapist), CancellationToken.None);
        var noPatients = await queries.ListRowsAsync(admin, new SessionQuery(PatientId: _code, TherapistId: OtherTherapist), CancellationToken.None);
        var list = await queries.ListAsync(admin, new SessionQuery(PatientId: _code), CancellationToken.None);

        var row = Assert.Single(rows.Value!.Items);
        Assert.Equal(id, row.Details.Id);
        Assert.Equal("Ada", row.Details.Patient!.FirstName);
        Assert.Equal(7, System.Text.Json.JsonDocument.Parse(row.AnalyticsJson).RootElement.GetProperty("analytics").GetProperty("CH1").GetProperty("contraction_count").GetInt32());
        var pseudonymised = Assert.Single(researched.Value!.Items);
        Assert.Null(pseudonymised.Details.Patient!.FirstName);
        Assert.Equal(row.AnalyticsJson, pseudonymised.AnalyticsJson);
        Assert.Equal(AnswerKind.Ok, foreign.Kind);
        Assert.Empty(foreign.Value!.Items);
        Assert.Equal(0, foreign.Value.Total);
        Assert.Empty(noPatients.Value!.Items);
        Assert.Equal(id, Assert.Single(list.Value!.Items).Id);
    }

    [Fact]
    public async Task A_researcher_gets_the_pseudonymised_view_with_the_code_kept_and_names_replaced_by_an_age()
    {
        var id = await RegisterAsync("research");
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 14, 12, 0, 0, TimeSpan.Zero));
        var queries = Queries(new FixedPatientDirectory(Patient), clock);
        var researcher = Actor.Researcher("r@uni.test");

        var one = (await queries.GetAsync(researcher, id, CancellationToken.None)).Value!;
        var listed = Assert.Single((await queries.ListAsync(researcher, new SessionQuery(PatientId: _code), CancellationToken.None)).Value!.Items);

        foreach (var view in new[] { one, listed })
        {
            Assert.True(view.Pseudonymised);
            Assert.Equal(_code, view.PatientId);
            Assert.Equal(_code, view.Patient!.PatientCode);
            Assert.Null(view.Patient.FirstName);
            Assert.Null(view.Patient.LastName);
            Assert.Null(view.Patient.DateOfBirth);
            Assert.Null(view.Patient.Notes);
            Assert.Equal(35, view.Patient.AgeYears);
        }
    }

    [Fact]
    public async Task A_therapist_reading_a_session_leaves_a_session_read_row_in_audit_events_and_a_machine_reading_it_leaves_none()
    {
        var id = await RegisterAsync("audited");
        await using var people = PeopleStoreFactory.Create(DatabaseOptions.Parse(database.Spec), NullLoggerFactory.Instance, TimeProvider.System);
        var queries = Queries(new FixedPatientDirectory(Patient), audit: people);
        var therapist = Actor.Therapist("audited.therapist@clinic.test", OwnTherapist);
        var machine = Actor.Machine("audited-machine");

        var machineRead = await queries.GetAsync(machine, id, CancellationToken.None);
        var therapistRead = await queries.GetAsync(therapist, id, CancellationToken.None);
        var refused = await queries.GetAsync(Actor.Therapist("audited.other@clinic.test", OtherTherapist), id, CancellationToken.None);

        Assert.Equal(AnswerKind.Ok, machineRead.Kind);
        Assert.Equal(AnswerKind.Ok, therapistRead.Kind);
        Assert.Equal(AnswerKind.NotFound, refused.Kind);
        var rows = await people.ListAuditAsync(new AuditQuery(SubjectType: PersonReads.Session, SubjectId: id.ToString()), CancellationToken.None);
        var row = Assert.Single(rows.Items);
        Assert.Equal("audited.therapist@clinic.test", row.Actor);
        Assert.Equal(AuditActions.SessionRead, row.Action);
        Assert.Equal(0, (await people.ListAuditAsync(new AuditQuery(Actor: "audited-machine"), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Commands_are_forbidden_to_roles_without_the_permission_and_not_found_for_another_therapists_session()
    {
        var id = await RegisterAsync("commands");
        var commands = new SessionCommands(database.Store, new FixedPatientDirectory(Patient));

        var researcherReprocess = await commands.ReprocessAsync(Actor.Researcher("r@uni.test"), id, CancellationToken.None);
        var therapistDelete = await commands.DeleteAsync(Actor.Therapist("own@clinic.test", OwnTherapist), id, CancellationToken.None);
        var otherReprocess = await commands.ReprocessAsync(Actor.Therapist("other@clinic.test", OtherTherapist), id, CancellationToken.None);
        var ownReprocess = await commands.ReprocessAsync(Actor.Therapist("own@clinic.test", OwnTherapist), id, CancellationToken.None);
        var machineDelete = await commands.DeleteAsync(Actor.Machine("ci"), id, CancellationToken.None);
        var deletedAgain = await commands.DeleteAsync(Actor.Machine("ci"), id, CancellationToken.None);

        Assert.Equal(AnswerKind.Forbidden, researcherReprocess.Kind);
        Assert.Contains(Permissions.SessionsReprocess, researcherReprocess.Detail, StringComparison.Ordinal);
        Assert.Equal(AnswerKind.Forbidden, therapistDelete.Kind);
        Assert.Equal(AnswerKind.NotFound, otherReprocess.Kind);
        Assert.Equal(SessionStatus.Reprocessing, ownReprocess.Value!.Status);
        Assert.Equal(AnswerKind.Ok, machineDelete.Kind);
        Assert.Equal(AnswerKind.NotFound, deletedAgain.Kind);
    }

    [Fact]
    public async Task Cache_operations_are_for_machines_and_admins_and_a_malformed_hash_is_invalid()
    {
        var operations = new CacheOperations(database.Store, Options.Create(new CacheOptions { TtlDays = 7 }));

        var therapist = await operations.StatisticsAsync(Actor.Therapist("own@clinic.test", OwnTherapist), CancellationToken.None);
        var machine = await operations.StatisticsAsync(Actor.Machine("ci"), CancellationToken.None);
        var report = await operations.CleanupAsync(Actor.Admin("admin@clinic.test"), confirm: false, CancellationToken.None);
        var malformed = await operations.EvictAsync(Actor.Machine("ci"), "not-a-hash", CancellationToken.None);
        var unknown = await operations.EvictAsync(Actor.Machine("ci"), new string('A', 64), CancellationToken.None);

        Assert.Equal(AnswerKind.Forbidden, therapist.Kind);
        Assert.Equal(7, machine.Value!.TtlDays);
        Assert.False(report.Value!.Confirmed);
        Assert.Equal(0, report.Value.Cleaned);
        Assert.Equal(AnswerKind.Invalid, malformed.Kind);
        Assert.Equal(AnswerKind.NotFound, unknown.Kind);
    }

    private SessionQueries Queries(IPatientDirectory patients, TimeProvider? clock = null, IAuditSink? audit = null) =>
        new(database.Store, new AnalyticsCache(database.Store, new SessionAnalysis(EmgSessions.Analysis.AnalysisOptions.Default), Options.Create(new CacheOptions())), patients,
            audit ?? new LoggingAuditSink(NullLoggerFactory.Instance), clock ?? TimeProvider.System);

    private async Task<Guid> RegisterAsync(string name)
    {
        var key = $"{_code}/session1/{name}.c3d";
        await _harness.PutBytesAsync(key, [.. File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409)), .. Guid.NewGuid().ToByteArray()]);
        var result = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);
        return result.SessionId!.Value;
    }

    private async Task SetAsync(Guid id, string column, string value)
    {
        var path = (await database.Store.GetSessionAsync(id, CancellationToken.None))!.FilePath;
        await database.ExecuteAsync($"UPDATE therapy_sessions SET {column} = '{value.Replace("'", "''", StringComparison.Ordinal)}' WHERE file_path = '{path}'");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
