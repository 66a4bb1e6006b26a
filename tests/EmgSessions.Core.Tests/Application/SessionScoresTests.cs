using EmgSessions.Core.Access;
using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Scores;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Caching;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Core.Tests.Access;
using EmgSessions.Core.Tests.Scores;
using EmgSessions.Core.Tests.Stores;
using EmgSessions.Scoring;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Application;

public sealed class SqliteSessionScoresTests(SqliteTestDatabases databases) : SessionScoresTests(databases), IClassFixture<SqliteTestDatabases>;

public sealed class PostgresSessionScoresTests(PostgresTestDatabases databases) : SessionScoresTests(databases), IClassFixture<PostgresTestDatabases>;

/// <summary>
/// A session's scores and inputs through the application layer on a real store, both engines: the sheet holds the stored
/// score, its configuration's version and the inputs by source; entering inputs is the actor's, scores again and is
/// audited; access decides first (another therapist's session is "not found", a researcher may read but not enter).
/// </summary>
public abstract class SessionScoresTests(TestDatabases databases)
{
    private const double Tolerance = 1e-5;
    private const string Code = "P816";
    private static readonly Guid OwnTherapist = Guid.Parse("0193a0c2-0000-7000-8000-0000000000a1");
    private static readonly Guid OtherTherapist = Guid.Parse("0193a0c2-0000-7000-8000-0000000000a2");
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly RecordingAuditSink _audit = new();

    private static Actor Own => Actor.Therapist("own@example.org", OwnTherapist);

    [Fact]
    public async Task The_sheet_holds_the_stored_score_its_configuration_with_its_version_and_the_inputs_by_source()
    {
        await using var store = await databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s1/t16.c3d", ScoringStoreTests.T16Analytics);
        await scores.ChangeInputsAsync(id, ScoringStoreTests.Therapist(rpe: 6, achieved: 850, max: 1000, bfr: 52), None);
        await scores.ChangeInputsAsync(id, new SessionInputs { Source = InputSources.Recording, Rpe = 3, EnteredBy = InputSources.Recording, EnteredAt = DateTimeOffset.UtcNow }, None);
        await ScoringStoreTests.Scoring(store, scores).ScoreAsync(id, None);

        var answer = await Service(store, scores).GetAsync(Own, id, None);

        Assert.Equal(AnswerKind.Ok, answer.Kind);
        var sheet = answer.Value!;
        Assert.Equal("emgs", sheet.Score!.Origin);
        Assert.Equal(87.02325, ScoreJson.Deserialize(sheet.Score.ResultJson)!.OverallScore!.Value, Tolerance);
        Assert.Equal(ScoringConfiguration.TrialDefaultName, sheet.Configuration!.Configuration.Name);
        Assert.Equal(1, sheet.Configuration.Version);
        Assert.Equal(sheet.Score.ScoringConfigId, sheet.Configuration.Configuration.Id);
        Assert.Equal([InputSources.Therapist, InputSources.Recording], sheet.Inputs.Select(i => i.Source));
        Assert.Equal([6, 3], sheet.Inputs.Select(i => i.Rpe));
        Assert.True(sheet.MayAnnotate);
    }

    [Fact]
    public async Task Inputs_entered_by_a_therapist_are_theirs_score_the_session_again_and_are_audited_as_a_change()
    {
        await using var store = await databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s2/t16.c3d", ScoringStoreTests.T16Analytics);
        var change = new SessionInputs { Source = InputSources.LegacyWebhook, Rpe = 6, GamePointsAchieved = 850, GamePointsMax = 1000, BfrPressureAop = 52, EnteredBy = "someone else", EnteredAt = DateTimeOffset.UnixEpoch };

        var answer = await Service(store, scores).ChangeInputsAsync(Own, id, change, None);

        Assert.Equal(AnswerKind.Ok, answer.Kind);
        Assert.Empty(answer.Value!.Errors);
        Assert.Equal(87.02325, answer.Value.Scores!.OverallScore!.Value, Tolerance);
        Assert.Equal(87.02325, ScoreJson.Deserialize((await scores.GetScoreAsync(id, None))!.ResultJson)!.OverallScore!.Value, Tolerance);
        var stored = Assert.Single(await scores.GetInputsAsync(id, None) ?? []);
        Assert.Equal(InputSources.Therapist, stored.Source);
        Assert.Equal("own@example.org", stored.EnteredBy);
        Assert.True(stored.EnteredAt > DateTimeOffset.UnixEpoch);
        var audited = Assert.Single(_audit.Events);
        Assert.Equal(AuditActions.SessionChanged, audited.Action);
        Assert.Equal(id.ToString(), audited.SubjectId);
        Assert.Equal("rpe,game_points_achieved,game_points_max,bfr_pressure_aop", audited.Details["inputs"]);
    }

    [Fact]
    public async Task A_value_out_of_range_is_refused_naming_its_field_and_nothing_is_stored_or_audited()
    {
        await using var store = await databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s3/t16.c3d", ScoringStoreTests.T16Analytics);

        var answer = await Service(store, scores).ChangeInputsAsync(Own, id, ScoringStoreTests.Therapist(rpe: 11), None);

        Assert.Equal(AnswerKind.Ok, answer.Kind);
        var error = Assert.Single(answer.Value!.Errors);
        Assert.Equal("rpe", error.Field);
        Assert.Contains("got 11", error.Message, StringComparison.Ordinal);
        Assert.Null(answer.Value.Scores);
        Assert.Empty(await scores.GetInputsAsync(id, None) ?? [new SessionInputs { Source = "missing session", EnteredBy = "", EnteredAt = default }]);
        Assert.Empty(_audit.Events);
    }

    [Fact]
    public async Task Another_therapist_gets_not_found_a_researcher_reads_but_may_not_enter_and_nothing_is_stored()
    {
        await using var store = await databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await ScoringStoreTests.CompletedSessionAsync(store, $"{Code}/s4/t16.c3d", ScoringStoreTests.T16Analytics);
        var service = Service(store, scores);
        var other = Actor.Therapist("other@example.org", OtherTherapist);
        var researcher = Actor.Researcher("research@example.org");

        var otherRead = await service.GetAsync(other, id, None);
        var otherChange = await service.ChangeInputsAsync(other, id, ScoringStoreTests.Therapist(rpe: 5), None);
        var researcherRead = await service.GetAsync(researcher, id, None);
        var researcherChange = await service.ChangeInputsAsync(researcher, id, ScoringStoreTests.Therapist(rpe: 5), None);
        var unknown = await service.GetAsync(Own, Guid.NewGuid(), None);

        Assert.Equal(AnswerKind.NotFound, otherRead.Kind);
        Assert.Equal(AnswerKind.NotFound, otherChange.Kind);
        Assert.Equal(AnswerKind.Ok, researcherRead.Kind);
        Assert.False(researcherRead.Value!.MayAnnotate);
        Assert.Equal(AnswerKind.Forbidden, researcherChange.Kind);
        Assert.Contains(Permissions.SessionsAnnotate, researcherChange.Detail, StringComparison.Ordinal);
        Assert.Equal(AnswerKind.NotFound, unknown.Kind);
        Assert.Empty(await scores.GetInputsAsync(id, None) ?? [new SessionInputs { Source = "missing session", EnteredBy = "", EnteredAt = default }]);
        Assert.Empty(_audit.Events);
    }

    private SessionScores Service(ISessionStore store, IScoringStore scores)
    {
        var patients = new FixedPatientDirectory(new PatientView(Code, OwnTherapist, "Ada", "Lovelace", new DateOnly(1990, 6, 15), null, null, null));
        var cache = new AnalyticsCache(store, new SessionAnalysis(EmgSessions.Analysis.AnalysisOptions.Default), Options.Create(new CacheOptions()));
        var queries = new SessionQueries(store, cache, patients, new LoggingAuditSink(NullLoggerFactory.Instance), TimeProvider.System);
        return new SessionScores(queries, scores, new ScoreInputs(scores, ScoringStoreTests.Scoring(store, scores)), _audit, TimeProvider.System);
    }
}
