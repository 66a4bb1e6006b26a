using System.Text.Json;
using EmgSessions.Core.Database;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EmgSessions.Core.Tests.Scores;

public sealed class SqlitePatientProgressBatchTests(SqliteTestDatabases databases) : PatientProgressBatchTests(databases), IClassFixture<SqliteTestDatabases>;

public sealed class PostgresPatientProgressBatchTests(PostgresTestDatabases databases) : PatientProgressBatchTests(databases), IClassFixture<PostgresTestDatabases>;

/// <summary>
/// The progress of a page of patients read at once (<see cref="PatientProgressReader.ReadManyAsync"/>, the Overview's
/// list) against the progress read one patient at a time (two store calls per session, as before), on a seeded
/// database of both engines: scored sessions, a stale score, inputs by source, a predecessor-only score, a pending
/// session, a given treatment start and a code without sessions. The two agree to the byte.
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
            var alone = await reader.ReadAsync(code, start, None);
            Assert.Equal(Json(alone), many.TryGetValue(code, out var read) ? Json(read) : Json(null));
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

    private static string Json(EmgSessions.Scoring.PatientProgress? progress) => JsonSerializer.Serialize(progress, ScoreJson.Options);
}
