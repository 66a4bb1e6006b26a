using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Core.Tests.Stores;
using EmgSessions.Scoring;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Scores;

/// <summary>Scores, inputs and configurations in the database, written once and run on both engines by the subclasses.</summary>
public abstract class ScoringStoreTests(TestDatabases databases)
{
    /// <summary>scoring.md's T16 counts: left 11 contractions, 9 MVC, 10 duration; right 12, 8, 11; 12 expected per side.</summary>
    internal const string T16Analytics = """
        {"analytics":{"CH1":{"contraction_count":11,"mvc_contraction_count":9,"duration_contraction_count":10,"expected_contractions":12},
                      "CH2":{"contraction_count":12,"mvc_contraction_count":8,"duration_contraction_count":11,"expected_contractions":12}},
         "processing_version":"ghostly-v1"}
        """;

    private const double Tolerance = 1e-5;
    private static readonly CancellationToken None = CancellationToken.None;

    protected TestDatabases Databases { get; } = databases;

    [Fact]
    public async Task A_completed_session_is_scored_with_the_trial_default_and_its_inputs_as_t16_says()
    {
        await using var store = await Databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await CompletedSessionAsync(store, "P016/s1/t16.c3d", T16Analytics);
        Assert.True(await scores.ChangeInputsAsync(id, Therapist(rpe: 6, achieved: 850, max: 1000, bfr: 52), None));

        var result = await Scoring(store, scores).ScoreAsync(id, None);

        Assert.NotNull(result);
        Assert.Equal(ScoringProfiles.GhostlyTrialName, result.Profile);
        Assert.Equal(87.02325, result.OverallScore!.Value, Tolerance);
        Assert.Equal(75, result.EffortScore!.Value, Tolerance);
        var trialDefault = (await scores.ListConfigurationsAsync(None)).Single(c => c.Configuration.Name == ScoringConfiguration.TrialDefaultName);
        Assert.Equal(trialDefault.Configuration.Id, result.ScoringConfigId);
        var stored = await scores.GetScoreAsync(id, None);
        Assert.Equal("emgs", stored!.Origin);
        Assert.False(stored.Stale);
        Assert.Equal(87.02325, ScoreJson.Deserialize(stored.ResultJson)!.OverallScore!.Value, Tolerance);
        var row = await PerformanceRowAsync(store, id);
        Assert.Equal(87.02325, Convert.ToDouble(row[0], System.Globalization.CultureInfo.InvariantCulture), Tolerance);
        Assert.Equal(trialDefault.Configuration.Id, Guid.Parse(Convert.ToString(row[1], System.Globalization.CultureInfo.InvariantCulture)!));
    }

    [Fact]
    public async Task Changing_an_input_marks_the_score_stale_in_the_same_write_and_the_sweep_computes_it_again()
    {
        await using var store = await Databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var scoring = Scoring(store, scores);
        var id = await CompletedSessionAsync(store, "P016/s2/t16.c3d", T16Analytics);
        await scoring.ScoreAsync(id, None);
        var basis = await scores.GetBasisAsync(id, None);

        // A crash right after the input is stored: nothing computes the score.
        Assert.True(await scores.ChangeInputsAsync(id, Therapist(rpe: 9), None));

        Assert.True((await scores.GetScoreAsync(id, None))!.Stale);
        Assert.Contains(id, await scores.StaleSessionsAsync(100, None));
        var old = ScoreJson.Deserialize((await scores.GetScoreAsync(id, None))!.ResultJson)!;
        Assert.False(await scores.SaveScoreAsync(old, ScoreJson.Serialize(old), basis!, None));
        Assert.Equal(1, await scoring.SweepAsync(None));
        var fresh = await scores.GetScoreAsync(id, None);
        Assert.False(fresh!.Stale);
        Assert.Equal(9, ScoreJson.Deserialize(fresh.ResultJson)!.RpePostSession);
        Assert.DoesNotContain(id, await scores.StaleSessionsAsync(100, None));
    }

    [Fact]
    public async Task A_completed_session_without_a_score_is_found_and_scored_by_the_sweep()
    {
        await using var store = await Databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await CompletedSessionAsync(store, "P016/s3/t16.c3d", T16Analytics);
        var pending = (await store.RegisterUploadAsync(SessionStoreTests.Upload("P016/s4/later.c3d", "later"), None)).SessionId;

        Assert.Equal([id], await scores.StaleSessionsAsync(100, None));
        Assert.Null(await scores.GetScoreAsync(id, None));
        Assert.Equal(1, await Scoring(store, scores).SweepAsync(None));
        Assert.NotNull(await scores.GetScoreAsync(id, None));
        Assert.Null(await scores.GetScoreAsync(pending, None));
        Assert.Empty(await scores.StaleSessionsAsync(100, None));
    }

    [Fact]
    public async Task A_new_configuration_version_scores_later_computations_and_earlier_rows_keep_their_configuration()
    {
        await using var store = await Databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var scoring = Scoring(store, scores);
        var first = await CompletedSessionAsync(store, "P016/s5/a.c3d", T16Analytics, "a");
        var second = await CompletedSessionAsync(store, "P016/s6/b.c3d", T16Analytics, "b");
        var v1 = (await scoring.ScoreAsync(first, None))!.ScoringConfigId;
        await scoring.ScoreAsync(second, None);

        var v2 = await scores.AddConfigurationAsync(
            ScoringConfiguration.BuiltInTrialDefault with { Weights = new ScoringWeights(0.40, 0.30, 0.30, 0.00, 0.333, 0.333, 0.334), Description = "more symmetry" },
            activate: true,
            None);
        await scores.ChangeInputsAsync(first, Therapist(rpe: 5), None);
        var rescored = await scoring.ScoreAsync(first, None);

        var all = await scores.ListConfigurationsAsync(None);
        var versions = all.Where(c => c.Configuration.Name == ScoringConfiguration.TrialDefaultName).ToList();
        Assert.Equal([1, 2], versions.Select(c => c.Version));
        Assert.Equal([false, true], versions.Select(c => c.Configuration.Active));
        Assert.Equal(0.50, versions[0].Configuration.Weights.Compliance, 1e-9);
        Assert.Equal(v2.Configuration.Id, rescored!.ScoringConfigId);
        Assert.NotEqual(v1, v2.Configuration.Id);
        Assert.Equal(v1, (await scores.GetScoreAsync(second, None))!.ScoringConfigId);
        Assert.Equal(v1, Guid.Parse(Convert.ToString((await PerformanceRowAsync(store, second))[1], System.Globalization.CultureInfo.InvariantCulture)!));

        Assert.True(await scores.ActivateConfigurationAsync(v1!.Value, None));
        Assert.Equal([true, false], (await scores.ListConfigurationsAsync(None)).Where(c => c.Configuration.Name == ScoringConfiguration.TrialDefaultName).Select(c => c.Configuration.Active));
        Assert.False(await scores.ActivateConfigurationAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task Weights_that_do_not_sum_to_one_are_refused_and_nothing_is_stored()
    {
        await using var store = await Databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var before = (await scores.ListConfigurationsAsync(None)).Count;

        var error = await Assert.ThrowsAsync<ScoringConfigurationException>(() => scores.AddConfigurationAsync(
            ScoringConfiguration.BuiltInTrialDefault with { Weights = new ScoringWeights(0.5, 0.25, 0.15, 0, 0.333, 0.333, 0.334) }, activate: true, None));

        Assert.Contains("sum", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await scores.ListConfigurationsAsync(None)).Count);
    }

    [Fact]
    public async Task Inputs_merge_by_field_and_source_and_an_unknown_session_is_refused()
    {
        await using var store = await Databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await CompletedSessionAsync(store, "P016/s7/t16.c3d", T16Analytics);

        Assert.True(await scores.ChangeInputsAsync(id, Therapist(rpe: 6, achieved: 850, max: 1000), None));
        Assert.True(await scores.ChangeInputsAsync(id, Therapist(bfr: 52), None));
        Assert.True(await scores.ChangeInputsAsync(id, new SessionInputs { Source = InputSources.Recording, Rpe = 3, BfrPressureAopLeft = 50, EnteredBy = "recording", EnteredAt = DateTimeOffset.UtcNow }, None));

        var inputs = await scores.GetInputsAsync(id, None);
        var therapist = inputs!.Single(i => i.Source == InputSources.Therapist);
        Assert.Equal((6, 850, 1000, 52.0), (therapist.Rpe, therapist.GamePointsAchieved, therapist.GamePointsMax, therapist.BfrPressureAop));
        Assert.Equal("therapist@example.org", therapist.EnteredBy);
        Assert.Equal(3, (await scores.GetBasisAsync(id, None))!.InputsRevision);
        var merged = SessionScoring.Merge(T16Analytics, inputs!, ScoringConfiguration.BuiltInTrialDefault);
        Assert.Equal(6, merged.Rpe);
        Assert.Equal(50, merged.BfrPressureAopLeft);
        Assert.False(await scores.ChangeInputsAsync(Guid.NewGuid(), Therapist(rpe: 1), None));
        Assert.Null(await scores.GetInputsAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task Uncapped_ghostly_v1_values_are_clamped_for_the_predecessor_table_and_kept_whole_in_the_result()
    {
        await using var store = await Databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await CompletedSessionAsync(store, "P016/s8/over.c3d", T16Analytics.Replace("\"contraction_count\":11,\"mvc_contraction_count\":9,\"duration_contraction_count\":10", "\"contraction_count\":20,\"mvc_contraction_count\":20,\"duration_contraction_count\":20", StringComparison.Ordinal));
        var v1 = new SessionScoring(store, scores, Options.Create(new ScoringOptions { Profile = ScoringProfiles.GhostlyV1Name }), NullLogger<SessionScoring>.Instance);

        var result = await v1.ScoreAsync(id, None);

        Assert.True(result!.LeftMuscleCompliance > 100, $"left {result.LeftMuscleCompliance}");
        Assert.Equal(20.0 / 12, result.CompletionRateLeft!.Value, 1e-9);
        var rows = await QueryAsync(store, $"SELECT left_muscle_compliance, completion_rate_left FROM performance_scores WHERE session_id = '{id}'");
        Assert.Equal(100, Convert.ToDouble(rows[0][0], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal(1, Convert.ToDouble(rows[0][1], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
    }

    [Fact]
    public async Task A_read_of_the_predecessors_score_finds_nothing_for_a_session_scored_by_us_so_a_read_racing_the_first_score_is_never_served_as_the_predecessors()
    {
        // GetScoreAsync reads our score, then the predecessor's row, in two statements. When the first score commits
        // between them (both rows in one transaction), the second statement alone must not answer with the row we wrote
        // for the predecessor's dashboard: it would be served as origin "predecessor" without its profile.
        await using var store = await Databases.NewStoreAsync();
        var scores = ScoringStoreFactory.For(store);
        var id = await CompletedSessionAsync(store, "P016/s9/race.c3d", T16Analytics);
        Assert.NotNull(await Scoring(store, scores).ScoreAsync(id, None));
        Assert.NotEmpty(await QueryAsync(store, $"SELECT 1 FROM performance_scores WHERE session_id = '{id}'"));

        var predecessor = await QueryAsync(store, ScoresSql.PredecessorScore.Replace("@id", $"'{id}'", StringComparison.Ordinal));

        Assert.Empty(predecessor);
        Assert.Equal("emgs", (await scores.GetScoreAsync(id, None))!.Origin);
    }

    internal static SessionInputs Therapist(int? rpe = null, int? achieved = null, int? max = null, double? bfr = null) => new()
    {
        Source = InputSources.Therapist,
        Rpe = rpe,
        GamePointsAchieved = achieved,
        GamePointsMax = max,
        BfrPressureAop = bfr,
        EnteredBy = "therapist@example.org",
        EnteredAt = DateTimeOffset.UtcNow,
    };

    internal static SessionScoring Scoring(ISessionStore store, IScoringStore scores) =>
        new(store, scores, Options.Create(new ScoringOptions()), NullLogger<SessionScoring>.Instance);

    internal static async Task<Guid> CompletedSessionAsync(ISessionStore store, string path, string analytics, string content = "t16")
    {
        var id = (await store.RegisterUploadAsync(SessionStoreTests.Upload(path, content + path), None)).SessionId;
        ClaimedJob? job;
        while ((job = await store.ClaimJobAsync("scoring-tests", TimeSpan.FromMinutes(10), None)) is not null && job.SessionId != id)
        {
            await store.ReleaseJobAsync(job.SessionId, "scoring-tests", None);
        }

        Assert.Equal(id, job?.SessionId);
        Assert.True(await store.CompleteJobAsync(new SessionCompletion(id, "scoring-tests", analytics, 10, "{}", null, null), None));
        return id;
    }

    /// <summary>Rows of a query on the store's own database.</summary>
    protected abstract Task<List<object?[]>> QueryAsync(ISessionStore store, string sql);

    private async Task<object?[]> PerformanceRowAsync(ISessionStore store, Guid id) =>
        (await QueryAsync(store, $"SELECT overall_score, scoring_config_id FROM performance_scores WHERE session_id = '{id}'")).Single();
}
