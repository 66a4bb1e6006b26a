using EmgSessions.Core.Access;
using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Notes;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Caching;
using EmgSessions.Core.Database;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Notes;
using EmgSessions.Core.Tests.Access;
using EmgSessions.Core.Tests.Scores;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EmgSessions.Core.Tests.Application;

public sealed class SqliteSessionNotesTests(SqliteTestDatabases databases) : SessionNotesTests(databases), IClassFixture<SqliteTestDatabases>;

public sealed class PostgresSessionNotesTests(PostgresTestDatabases databases) : SessionNotesTests(databases), IClassFixture<PostgresTestDatabases>;

/// <summary>
/// A session's notes through the application layer on a real store, both engines: a therapist adds notes to their
/// patient's session and reads them in order with author and time; researchers are refused (no text), another
/// therapist gets "not found"; empty or too long text is refused naming <c>text</c> and nothing is stored; an added
/// note is audited as a change without its text, and a read by a person as a read of the session, without text.
/// </summary>
public abstract class SessionNotesTests(TestDatabases databases)
{
    private const string Code = "P817";
    private static readonly Guid OwnTherapist = Guid.Parse("0193a0c2-0000-7000-8000-0000000000b1");
    private static readonly Guid OtherTherapist = Guid.Parse("0193a0c2-0000-7000-8000-0000000000b2");
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly RecordingAuditSink _audit = new();
    private readonly FakeTimeProvider _clock = new(Start);

    private static Actor Own => Actor.Therapist("own@example.org", OwnTherapist);

    [Fact]
    public async Task Notes_added_by_a_therapist_are_listed_in_the_order_written_with_author_and_time_and_counted()
    {
        await using var store = await databases.NewStoreAsync();
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s1/n.c3d", ScoringStoreTests.T16Analytics, "notes-1");
        var other = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s2/n.c3d", ScoringStoreTests.T16Analytics, "notes-2");
        var service = Service(store);

        var first = await service.AddAsync(Own, id, "  Left side tired after the third set. ", None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = await service.AddAsync(Actor.Admin("admin@example.org"), id, "Called the patient: BFR cuff replaced.", None);
        var listed = await service.ListAsync(Own, id, None);
        var counts = await service.CountAsync(Own, [id, other], None);

        Assert.Equal(AnswerKind.Ok, first.Kind);
        Assert.Equal(AnswerKind.Ok, second.Kind);
        Assert.Equal(AnswerKind.Ok, listed.Kind);
        Assert.Equal(["Left side tired after the third set.", "Called the patient: BFR cuff replaced."], listed.Value!.Select(n => n.Text));
        Assert.Equal(["own@example.org", "admin@example.org"], listed.Value!.Select(n => n.Author));
        Assert.Equal([Start, Start.AddMinutes(5)], listed.Value!.Select(n => n.CreatedAt!.Value));
        Assert.All(listed.Value!, n => Assert.False(n.FromPredecessor));
        Assert.Equal(2, counts![id]);
        Assert.False(counts.ContainsKey(other));
        Assert.Empty((await service.ListAsync(Own, other, None)).Value!);
    }

    [Fact]
    public async Task An_added_note_is_audited_as_a_change_of_the_session_without_its_text()
    {
        await using var store = await databases.NewStoreAsync();
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s3/n.c3d", ScoringStoreTests.T16Analytics, "notes-3");

        await Service(store).AddAsync(Own, id, "Knee pain 4/10 before the session.", None);

        var audited = Assert.Single(_audit.Events);
        Assert.Equal(AuditActions.SessionChanged, audited.Action);
        Assert.Equal(PersonReads.Session, audited.SubjectType);
        Assert.Equal(id.ToString(), audited.SubjectId);
        Assert.Equal("own@example.org", audited.Actor);
        Assert.Equal("added", Assert.Single(audited.Details).Value);
        Assert.Equal("note", Assert.Single(audited.Details).Key);
        Assert.DoesNotContain(audited.Details.Values, v => v.Contains("Knee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_researcher_is_refused_another_therapist_gets_not_found_and_nothing_is_stored_or_audited()
    {
        await using var store = await databases.NewStoreAsync();
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s4/n.c3d", ScoringStoreTests.T16Analytics, "notes-4");
        var service = Service(store);
        await NoteStoreFactory.For(store).AddAsync(id, "own@example.org", "Private remark.", Start, None);
        var researcher = Actor.Researcher("research@example.org");
        var other = Actor.Therapist("other@example.org", OtherTherapist);

        var researcherRead = await service.ListAsync(researcher, id, None);
        var researcherAdd = await service.AddAsync(researcher, id, "A researcher's note.", None);
        var researcherCounts = await service.CountAsync(researcher, [id], None);
        var otherRead = await service.ListAsync(other, id, None);
        var otherAdd = await service.AddAsync(other, id, "Another therapist's note.", None);
        var unknown = await service.AddAsync(Own, Guid.NewGuid(), "On no session.", None);

        Assert.Equal(AnswerKind.Forbidden, researcherRead.Kind);
        Assert.Null(researcherRead.Value);
        Assert.Contains(Permissions.SessionsAnnotate, researcherRead.Detail, StringComparison.Ordinal);
        Assert.Equal(AnswerKind.Forbidden, researcherAdd.Kind);
        Assert.Null(researcherCounts);
        Assert.Equal(AnswerKind.NotFound, otherRead.Kind);
        Assert.Null(otherRead.Value);
        Assert.Equal(AnswerKind.NotFound, otherAdd.Kind);
        Assert.Equal(AnswerKind.NotFound, unknown.Kind);
        Assert.Empty(_audit.Events);
        Assert.Equal(["Private remark."], (await service.ListAsync(Own, id, None)).Value!.Select(n => n.Text));
        var read = Assert.Single(_audit.Events);
        Assert.Equal(("own@example.org", AuditActions.SessionRead), (read.Actor, read.Action));
    }

    [Fact]
    public async Task Reading_the_notes_is_audited_as_a_read_of_the_session_by_that_person_without_note_text()
    {
        await using var store = await databases.NewStoreAsync();
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s9/n.c3d", ScoringStoreTests.T16Analytics, "notes-9");
        await NoteStoreFactory.For(store).AddAsync(id, "own@example.org", "Dizzy after the second set.", Start, None);
        var service = Service(store);

        var own = await service.ListAsync(Own, id, None);
        var admin = await service.ListAsync(Actor.Admin("admin@example.org"), id, None);
        var local = await service.ListAsync(Actor.LocalUser, id, None);

        Assert.Equal(AnswerKind.Ok, own.Kind);
        Assert.Equal(AnswerKind.Ok, admin.Kind);
        Assert.Equal(AnswerKind.Ok, local.Kind);
        Assert.Equal(2, _audit.Events.Count);
        Assert.Equal(["own@example.org", "admin@example.org"], _audit.Events.Select(e => e.Actor));
        Assert.Equal(["therapist", "admin"], _audit.Events.Select(e => e.ActorRole));
        Assert.All(_audit.Events, e =>
        {
            Assert.Equal(AuditActions.SessionRead, e.Action);
            Assert.Equal(PersonReads.Session, e.SubjectType);
            Assert.Equal(id.ToString(), e.SubjectId);
            Assert.Equal(Start, e.At);
            Assert.Equal("read", Assert.Single(e.Details).Value);
            Assert.Equal("notes", Assert.Single(e.Details).Key);
            Assert.DoesNotContain(e.Details.Values, v => v.Contains("Dizzy", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_notes_read_of_an_unknown_session_is_not_found_and_not_audited()
    {
        await using var store = await databases.NewStoreAsync();

        var answer = await Service(store).ListAsync(Actor.Admin("admin@example.org"), Guid.NewGuid(), None);

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.Empty(_audit.Events);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("x", "4,000")]
    public async Task An_empty_or_too_long_note_is_refused_naming_text_and_nothing_is_stored(string? text, string reason)
    {
        await using var store = await databases.NewStoreAsync();
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s5/n.c3d", ScoringStoreTests.T16Analytics, "notes-5");
        var written = text == "x" ? new string('x', SessionNote.MaxLength + 1) : text;

        var answer = await Service(store).AddAsync(Own, id, written, None);

        Assert.Equal(AnswerKind.Invalid, answer.Kind);
        Assert.StartsWith("text:", answer.Detail, StringComparison.Ordinal);
        Assert.Contains(reason, answer.Detail, StringComparison.Ordinal);
        Assert.Empty(_audit.Events);
        Assert.Empty((await Service(store).ListAsync(Own, id, None)).Value!);
    }

    [Fact]
    public async Task A_note_of_exactly_4000_characters_is_stored_whole()
    {
        await using var store = await databases.NewStoreAsync();
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s6/n.c3d", ScoringStoreTests.T16Analytics, "notes-6");
        var text = new string('é', SessionNote.MaxLength);

        var answer = await Service(store).AddAsync(Own, id, text, None);

        Assert.Equal(AnswerKind.Ok, answer.Kind);
        Assert.Equal(text, Assert.Single((await Service(store).ListAsync(Own, id, None)).Value!).Text);
    }

    [Fact]
    public async Task The_predecessors_note_in_therapy_sessions_notes_is_listed_first_and_counted_but_never_written()
    {
        var spec = await databases.NewMigratedDatabaseAsync();
        await databases.ExecuteAsync(spec, "ALTER TABLE therapy_sessions ADD COLUMN notes TEXT");
        await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s7/n.c3d", ScoringStoreTests.T16Analytics, "notes-7");
        var blank = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s8/n.c3d", ScoringStoreTests.T16Analytics, "notes-8");
        await databases.ExecuteAsync(spec, $"UPDATE therapy_sessions SET notes = 'Written in the old dashboard.' WHERE id = '{id}'");
        await databases.ExecuteAsync(spec, $"UPDATE therapy_sessions SET notes = '  ' WHERE id = '{blank}'");
        var service = Service(store);

        await service.AddAsync(Own, id, "Written here.", None);
        var listed = (await service.ListAsync(Own, id, None)).Value!;
        var counts = await service.CountAsync(Own, [id, blank], None);

        Assert.Equal(["Written in the old dashboard.", "Written here."], listed.Select(n => n.Text));
        Assert.Equal([SessionNote.PredecessorAuthor, "own@example.org"], listed.Select(n => n.Author));
        Assert.True(listed[0].FromPredecessor);
        Assert.Equal(2, counts![id]);
        Assert.False(counts.ContainsKey(blank));
        Assert.Empty((await service.ListAsync(Own, blank, None)).Value!);
        Assert.Equal("Written in the old dashboard.", await databases.ScalarAsync(spec, $"SELECT notes FROM therapy_sessions WHERE id = '{id}'"));
    }

    private SessionNotes Service(ISessionStore store)
    {
        var patients = new FixedPatientDirectory(new PatientView(Code, OwnTherapist, "Ada", "Lovelace", new DateOnly(1990, 6, 15), null, null, null));
        var cache = new AnalyticsCache(store, new SessionAnalysis(EmgSessions.Analysis.AnalysisOptions.Default), Options.Create(new CacheOptions()));
        var queries = new SessionQueries(store, cache, patients, new LoggingAuditSink(NullLoggerFactory.Instance), TimeProvider.System);
        return new SessionNotes(queries, NoteStoreFactory.For(store), _audit, _clock);
    }
}
