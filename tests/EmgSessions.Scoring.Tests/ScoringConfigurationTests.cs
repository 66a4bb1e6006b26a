namespace EmgSessions.Scoring.Tests;

/// <summary>Configuration rules (scoring.md §3): weight validation, the RPE table, resolution order, expected contractions.</summary>
public sealed class ScoringConfigurationTests
{
    private static readonly DateTimeOffset Monday = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_built_in_trial_default_is_valid()
    {
        Assert.Empty(ScoringConfiguration.BuiltInTrialDefault.Validate());
        Assert.Empty(ScoringWeights.GhostlyV1.Validate());
    }

    [Theory]
    [InlineData(0.5005, 0.25, 0.25, 0.0, true)]
    [InlineData(0.4995, 0.25, 0.25, 0.0, true)]
    [InlineData(0.502, 0.25, 0.25, 0.0, false)]
    [InlineData(0.49, 0.25, 0.25, 0.0, false)]
    public void Main_weights_must_sum_to_1_within_0_001(double compliance, double symmetry, double effort, double game, bool valid)
    {
        var errors = new ScoringWeights(compliance, symmetry, effort, game, 0.333, 0.333, 0.334).Validate();

        Assert.Equal(valid, errors.Count == 0);
        if (!valid)
        {
            Assert.Equal("weights", Assert.Single(errors).Field);
            Assert.Contains("must sum to 1 ± 0.001", errors[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sub_weights_must_sum_to_1_within_0_001()
    {
        var errors = (ScoringWeights.TrialDefault with { Duration = 0.5 }).Validate();

        var error = Assert.Single(errors);
        Assert.Equal("sub_weights", error.Field);
        Assert.Equal("weight_completion + weight_intensity + weight_duration must sum to 1 ± 0.001 (got 1.166); adjust them.", error.Message);
    }

    [Fact]
    public void Each_weight_must_be_between_0_and_1()
    {
        var errors = new ScoringWeights(1.2, -0.2, 0, 0, 0.333, 0.333, double.NaN).Validate();

        Assert.Equal(["weight_compliance", "weight_symmetry", "weight_duration"], errors.Select(e => e.Field));
    }

    [Fact]
    public void An_RPE_table_must_rate_every_RPE_from_0_to_10_with_a_score_from_0_to_100()
    {
        var table = new RpeTable(new Dictionary<int, double> { [0] = 10, [1] = 120, [11] = 5 });

        var errors = table.Validate();

        Assert.All(errors, e => Assert.Equal("rpe_mapping", e.Field));
        Assert.Contains(errors, e => e.Message.Contains("gives RPE 1 the score 120", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("entry for RPE 11", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("no score for RPE 2, 3, 4, 5, 6, 7, 8, 9, 10", StringComparison.Ordinal));
    }

    [Fact]
    public void The_predecessor_rpe_mapping_column_is_read_as_the_RPE_table()
    {
        const string column = """
            {"0": {"score": 10, "category": "no_exertion"}, "1": {"score": 25}, "2": {"score": 50}, "3": {"score": 85},
             "4": {"score": 100}, "5": {"score": 100}, "6": {"score": 75, "clinical": "approaching_upper_limit"}, "7": {"score": 50},
             "8": {"score": 25}, "9": {"score": 15}, "10": {"score": 10}}
            """;

        var table = RpeTable.FromJson(column);

        Assert.Empty(table.Validate());
        Assert.Equal(RpeTable.TrialDefault.Scores, table.Scores);
    }

    [Fact]
    public void A_plain_RPE_table_round_trips_through_JSON()
    {
        var table = RpeTable.FromJson("""{"0": 5, "4": 100, "10": 0}""");

        Assert.Equal(100, table.ScoreOf(4));
        Assert.Null(table.ScoreOf(5));
        Assert.Equal(table.Scores, RpeTable.FromJson(table.ToJson()).Scores);
    }

    [Theory]
    [InlineData("[1, 2]", "rpe_mapping must be a JSON object")]
    [InlineData("""{"four": 100}""", "rpe_mapping key 'four' is not an RPE")]
    [InlineData("""{"4": "high"}""", "rpe_mapping entry '4' has no numeric score")]
    [InlineData("{", "rpe_mapping is not valid JSON")]
    public void A_malformed_RPE_table_is_refused_with_what_is_wrong(string json, string message)
    {
        var error = Assert.Throws<ScoringConfigurationException>(() => RpeTable.FromJson(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolution_prefers_the_session_configuration_even_when_it_is_no_longer_active()
    {
        var (session, patient, trial, other) = Configurations();

        var resolved = ScoringConfigurationResolver.Resolve(session.Id, patient.Id, [session, patient, trial, other]);

        Assert.Same(session, resolved.Configuration);
        Assert.Equal(ConfigurationSource.Session, resolved.Source);
        Assert.Empty(resolved.Skipped);
    }

    [Fact]
    public void Without_a_session_configuration_the_patient_configuration_applies()
    {
        var (session, patient, trial, other) = Configurations();

        var resolved = ScoringConfigurationResolver.Resolve(null, patient.Id, [session, patient, trial, other]);

        Assert.Same(patient, resolved.Configuration);
        Assert.Equal(ConfigurationSource.Patient, resolved.Source);
    }

    [Fact]
    public void Then_the_newest_active_trial_default_then_the_newest_active_configuration_then_the_built_in_defaults()
    {
        var (session, patient, trial, other) = Configurations();
        var olderTrial = trial with { Id = Guid.NewGuid(), CreatedAt = Monday.AddDays(-10) };
        var newerInactiveTrial = trial with { Id = Guid.NewGuid(), CreatedAt = Monday.AddDays(10), Active = false };
        var newestOther = other with { Id = Guid.NewGuid(), CreatedAt = Monday.AddDays(20) };

        var toTrial = ScoringConfigurationResolver.Resolve(null, null, [olderTrial, trial, newerInactiveTrial, other, newestOther]);
        var toAny = ScoringConfigurationResolver.Resolve(null, null, [newerInactiveTrial, other, newestOther, session]);
        var toBuiltIn = ScoringConfigurationResolver.Resolve(null, null, [newerInactiveTrial, session]);

        Assert.Same(trial, toTrial.Configuration);
        Assert.Equal(ConfigurationSource.TrialDefault, toTrial.Source);
        Assert.Same(newestOther, toAny.Configuration);
        Assert.Equal(ConfigurationSource.AnyActive, toAny.Source);
        Assert.Same(ScoringConfiguration.BuiltInTrialDefault, toBuiltIn.Configuration);
        Assert.Equal(ConfigurationSource.BuiltIn, toBuiltIn.Source);
    }

    [Fact]
    public void A_session_or_patient_configuration_that_does_not_exist_is_skipped_and_named()
    {
        var (_, patient, trial, _) = Configurations();
        var missing = Guid.NewGuid();

        var resolved = ScoringConfigurationResolver.Resolve(missing, patient.Id, [patient, trial]);

        Assert.Same(patient, resolved.Configuration);
        Assert.Equal([$"the session's configuration {missing} does not exist"], resolved.Skipped);
    }

    [Fact]
    public void Expected_contractions_come_from_session_then_patient_then_recording_then_configuration()
    {
        Assert.Equal(new ExpectedContractions(10, ExpectedContractionsSource.Session), ExpectedContractions.Resolve(10, 11, 13, 12));
        Assert.Equal(new ExpectedContractions(11, ExpectedContractionsSource.Patient), ExpectedContractions.Resolve(null, 11, 13, 12));
        Assert.Equal(new ExpectedContractions(13, ExpectedContractionsSource.Recording), ExpectedContractions.Resolve(null, null, 13, 12));
        Assert.Equal(new ExpectedContractions(12, ExpectedContractionsSource.Configuration), ExpectedContractions.Resolve(null, 0, null, 12));
        Assert.Throws<ScoringInputException>(() => ExpectedContractions.Resolve(null, null, null, 0));
    }

    [Fact]
    public void An_invalid_configuration_names_every_problem()
    {
        var configuration = Examples.Configuration(new ScoringWeights(0.5, 0.5, 0.5, 0, 0.333, 0.333, 0.334), new RpeTable([])) with
        {
            Name = " ",
            DefaultExpectedContractions = 0,
        };

        var error = Assert.Throws<ScoringConfigurationException>(configuration.EnsureValid);

        Assert.Equal(["configuration_name", "weights", "rpe_mapping", "default_expected_contractions"], error.Errors.Select(e => e.Field));
    }

    private static (ScoringConfiguration Session, ScoringConfiguration Patient, ScoringConfiguration Trial, ScoringConfiguration Other) Configurations()
    {
        var session = Examples.Configuration(ScoringWeights.TrialDefault, name: "session-v2") with { Active = false, CreatedAt = Monday.AddDays(-5) };
        var patient = Examples.Configuration(ScoringWeights.TrialDefault, name: "patient-P001") with { CreatedAt = Monday.AddDays(-4) };
        var trial = Examples.Configuration(ScoringWeights.TrialDefault, name: ScoringConfiguration.TrialDefaultName) with { CreatedAt = Monday };
        var other = Examples.Configuration(ScoringWeights.GhostlyV1, name: "research") with { CreatedAt = Monday.AddDays(1) };
        return (session, patient, trial, other);
    }
}
