using System.Text.Json;
using EmgSessions.Core.Database;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EmgSessions.Core.Tests.Scores;

public sealed class SqlitePatientProgressBatchTests(SqliteTestDatabases databases) : PatientProgressBatchTests(databases), IClassFixture<SqliteTestDatabases>
{
    /// <summary>Three connections, each with its three PRAGMAs: the list (count, page), the scores (ours, the predecessor's), the inputs.</summary>
    protected override int BatchStatements => 14;
}

public sealed class PostgresPatientProgressBatchTests(PostgresTestDatabases databases) : PatientProgressBatchTests(databases), IClassFixture<PostgresTestDatabases>
{
    /// <summary>The list (count, page), the scores (ours, the predecessor's), the inputs.</summary>
    protected override int BatchStatements => 5;
}

/// <summary>
/// The progress of patients read in one batch (<see cref="PatientProgressReader.ReadManyAsync"/>, the Overview's list;
/// <see cref="PatientProgressReader.ReadAsync"/>, the Patient page and <c>emgs progress</c>) against the reference read
/// here one session at a time (the patient's sessions, then the score and the inputs of each session in reads of their
/// own, as the reader did before), on a seeded database of both engines: scored sessions, a stale score, inputs by
/// source, a predecessor-only score, a pending session, a given treatment start and a code without sessions. They agree
/// to the byte, and the batch runs the same statements for a patient of 1 session as for one of 20.
/// </summary>
public abstract class PatientProgressBatchTests(TestDatabases databases)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_progress_of_many_patients_read_at_once_equals_each_patients_progress_read_alone()
    {
        var spec = await databases.NewMigratedDatabaseAsync();
        await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        var scores = ScoringStoreFactory.For(store);
        var scoring = ScoringStoreTests.Scoring(store, scores);

        // P801: three scored sessions, one of them stale (inputs changed after scoring), one with inputs by two sources.
        var p801 = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            p801.Add(await ScoringStoreTests.CompletedSessionAsync(store, $"P801/s{i}/t16.c3d", ScoringStoreTests.T16Analytics, $"batch-801-{i}"));
        }

        await scores.ChangeInputsAsync(p801[0], ScoringStoreTests.Therapist(rpe: 6, achieved: 850, max: 1000, bfr: 52), None);
        await scores.ChangeInputsAsync(p801[0], new SessionInputs { Source = InputSources.Recording, Rpe = 3, EnteredBy = InputSources.Recording, EnteredAt = DateTimeOffset.UtcNow }, None);
        foreach (var id in p801)
        {
            Assert.True(await scoring.ScoreAsync(id, None) is not null);
        }

        await scores.ChangeInputsAsync(p801[1], ScoringStoreTests.Therapist(rpe: 9), None);

        // P802: one session with only the predecessor's row (ours removed), one unscored, one still pending.
        var predecessorOnly = await ScoringStoreTests.CompletedSessionAsync(store, "P802/s1/t16.c3d", ScoringStoreTests.T16Analytics, "batch-802-1");
        await scoring.ScoreAsync(predecessorOnly, None);
        await databases.ExecuteAsync(spec, $"DELETE FROM session_scores WHERE session_id = '{predecessorOnly}'");
        await ScoringStoreTests.CompletedSessionAsync(store, "P802/s2/t16.c3d", ScoringStoreTests.T16Analytics, "batch-802-2");
        await store.RegisterUploadAsync(SessionStoreTests.Upload("P802/s3/pending.c3d", "batch-802-3"), None);

        // P803: one session; P804 has none; a session of another code is never counted.
        await ScoringStoreTests.CompletedSessionAsync(store, "P803/s1/t16.c3d", ScoringStoreTests.T16Analytics, "batch-803-1");
        await ScoringStoreTests.CompletedSessionAsync(store, "P8031/s1/t16.c3d", ScoringStoreTests.T16Analytics, "batch-8031-1");

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        var reader = new PatientProgressReader(store, scores, clock);
        (string Code, DateOnly? Start)[] page = [("P801", null), ("P802", new DateOnly(2026, 11, 20)), ("P803", null), ("P804", null)];

        var many = await reader.ReadManyAsync(page, None);

        Assert.Equal(["P801", "P802", "P803"], many.Keys.Order(StringComparer.Ordinal));
        foreach (var (code, start) in page)
        {
            var reference = Json(await OneSessionAtATimeAsync(store, scores, code, start, clock.GetUtcNow()));
            Assert.Equal(reference, many.TryGetValue(code, out var read) ? Json(read) : Json(null));
            Assert.Equal(reference, Json(await reader.ReadAsync(code, start, None)));
        }

        Assert.Equal(3, many["P801"].Sessions.Count);
        Assert.Equal(3, many["P802"].Sessions.Count);
        Assert.Single(many["P803"].Sessions);
        Assert.Equal("predecessor", many["P802"].Sessions.Single(s => s.SessionId == predecessorOnly).Scores!.Profile);
        Assert.Equal(3, many["P801"].Sessions.Count(s => s.Scores is not null));
        Assert.Equal(9, many["P801"].Sessions.Single(s => s.SessionId == p801[1]).Inputs!.Rpe);
        Assert.Equal(6, many["P801"].Sessions.Single(s => s.SessionId == p801[0]).Inputs!.Rpe);
    }

    [Fact]
    public async Task The_scores_and_inputs_of_many_sessions_are_those_of_each_session_and_an_empty_set_reads_nothing()
    {
        await using var store = await databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var scored = await ScoringStoreTests.CompletedSessionAsync(store, "P805/s1/t16.c3d", ScoringStoreTests.T16Analytics, "batch-805-1");
        var bare = await ScoringStoreTests.CompletedSessionAsync(store, "P805/s2/t16.c3d", ScoringStoreTests.T16Analytics, "batch-805-2");
        await scores.ChangeInputsAsync(scored, ScoringStoreTests.Therapist(rpe: 7, bfr: 48), None);
        await ScoringStoreTests.Scoring(store, scores).ScoreAsync(scored, None);
        Guid[] ids = [scored, bare, Guid.NewGuid()];

        var many = await scores.GetScoresAsync(ids, None);
        var inputs = await scores.GetInputsAsync(ids, None);

        Assert.Equal([scored], many.Keys);
        var alone = await scores.GetScoreAsync(scored, None);
        Assert.Equal(alone, many[scored]);
        Assert.Equal([scored], inputs.Keys);
        Assert.Equal(7, Assert.Single(inputs[scored]).Rpe);
        Assert.Equal(48, inputs[scored][0].BfrPressureAop!.Value, 1e-12);
        Assert.Empty(await scores.GetScoresAsync([], None));
        Assert.Empty(await scores.GetInputsAsync([], None));
    }

    [Fact]
    public async Task A_patients_progress_is_read_with_the_same_statements_for_one_session_as_for_twenty()
    {
        var spec = await databases.NewMigratedDatabaseAsync();
        using var log = new StatementLog(spec);
        await using var store = log.CreateStore();
        await store.MigrateAsync(None);
        var scores = ScoringStoreFactory.For(store);
        var scoring = ScoringStoreTests.Scoring(store, scores);
        var one = await ScoringStoreTests.CompletedSessionAsync(store, "P811/s0/t16.c3d", ScoringStoreTests.T16Analytics, "count-811-0");
        await scores.ChangeInputsAsync(one, ScoringStoreTests.Therapist(rpe: 5), None);
        await scoring.ScoreAsync(one, None);
        for (var i = 0; i < 20; i++)
        {
            var id = await ScoringStoreTests.CompletedSessionAsync(store, $"P812/s{i}/t16.c3d", ScoringStoreTests.T16Analytics, $"count-812-{i}");
            if (i % 3 == 0)
            {
                await scores.ChangeInputsAsync(id, ScoringStoreTests.Therapist(rpe: 1 + (i % 10)), None);
            }

            if (i % 2 == 0)
            {
                await scoring.ScoreAsync(id, None);
            }
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        var reader = new PatientProgressReader(store, scores, clock);
        Assert.NotNull(await reader.ReadAsync("P811", null, None)); // the store's first read learns the schema

        var (progressOfOne, batchOfOne) = await CountedAsync(log, () => reader.ReadAsync("P811", null, None));
        var (progressOfTwenty, batchOfTwenty) = await CountedAsync(log, () => reader.ReadAsync("P812", null, None));
        var (_, referenceOfOne) = await CountedAsync(log, () => OneSessionAtATimeAsync(store, scores, "P811", null, clock.GetUtcNow()));
        var (_, referenceOfTwenty) = await CountedAsync(log, () => OneSessionAtATimeAsync(store, scores, "P812", null, clock.GetUtcNow()));

        Assert.Single(progressOfOne!.Sessions);
        Assert.Equal(20, progressOfTwenty!.Sessions.Count);
        Assert.Equal(10, progressOfTwenty.Sessions.Count(s => s.Scores is not null));
        Assert.Equal(BatchStatements, batchOfOne.Count);
        Assert.Equal(batchOfOne, batchOfTwenty);
        Assert.Equal(0, batchOfTwenty.Count(PerSession));

        // The log sees per-session reads: the reference runs one more look-up of the session for its inputs per session.
        Assert.Equal(1, referenceOfOne.Count(PerSession));
        Assert.Equal(20, referenceOfTwenty.Count(PerSession));
        Assert.True(referenceOfTwenty.Count > 40 + batchOfTwenty.Count, $"{referenceOfTwenty.Count} statements one session at a time");
    }

    /// <summary>The statements of one batch read of a patient's progress on this engine (connections' PRAGMAs included on SQLite).</summary>
    protected abstract int BatchStatements { get; }

    /// <summary>A statement that reads one session by id (the single-session reads of scores and inputs check the session first).</summary>
    private static bool PerSession(string sql) => sql.Contains("FROM therapy_sessions WHERE id = @id", StringComparison.Ordinal);

    private static async Task<(T Value, IReadOnlyList<string> Statements)> CountedAsync<T>(StatementLog log, Func<Task<T>> read)
    {
        log.Clear();
        var value = await read();
        return (value, log.Statements);
    }

    /// <summary>
    /// The reference: the patient's sessions page by page, then each session's score and inputs in reads of their own
    /// (two store calls per session), put together by the reader's own assembly of rows.
    /// </summary>
    private static async Task<EmgSessions.Scoring.PatientProgress?> OneSessionAtATimeAsync(
        ISessionStore store, IScoringStore scores, string code, DateOnly? start, DateTimeOffset now)
    {
        const int Page = 500;
        var rows = new List<(SessionRecord, StoredScore?, IReadOnlyList<SessionInputs>)>();
        for (var offset = 0; ; offset += Page)
        {
            var page = await store.ListSessionsAsync(new SessionQuery(PatientId: code, Limit: Page, Offset: offset), None);
            foreach (var session in page.Items)
            {
                rows.Add((session, await scores.GetScoreAsync(session.Id, None), await scores.GetInputsAsync(session.Id, None) ?? []));
            }

            if (page.Items.Count < Page)
            {
                return PatientProgressReader.Build(code, start, rows, now);
            }
        }
    }

    private static string Json(EmgSessions.Scoring.PatientProgress? progress) => JsonSerializer.Serialize(progress, ScoreJson.Options);
}
