namespace EmgSessions.Scoring;

/// <summary>
/// A scoring configuration (the predecessor's <c>scoring_configuration</c> row): weights, RPE table and the default
/// number of expected contractions per side. Configurations are versioned and never edited in place: a change is a
/// new configuration with a new id, and every score keeps the id of the one it used (scoring.md §3).
/// </summary>
public sealed record ScoringConfiguration
{
    /// <summary>The name of the trial default configuration.</summary>
    public const string TrialDefaultName = "GHOSTLY-TRIAL-DEFAULT";

    /// <summary>The expected contractions per side when nothing else gives them (scoring.md §1).</summary>
    public const int DefaultExpectedContractionsValue = 12;

    /// <summary>The id of the stored configuration; null for <see cref="BuiltInTrialDefault"/>, which is not stored.</summary>
    public Guid? Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required ScoringWeights Weights { get; init; }

    public required RpeTable RpeTable { get; init; }

    public int DefaultExpectedContractions { get; init; } = DefaultExpectedContractionsValue;

    public bool Active { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The trial defaults, used when no configuration is stored at all (the id is null).</summary>
    public static ScoringConfiguration BuiltInTrialDefault { get; } = new()
    {
        Name = TrialDefaultName,
        Description = "GHOSTLY+ trial defaults (built in)",
        Weights = ScoringWeights.TrialDefault,
        RpeTable = RpeTable.TrialDefault,
        Active = true,
    };

    /// <summary>Each problem with this configuration as (field, message); empty when it can be used.</summary>
    public IReadOnlyList<ScoringValidationError> Validate()
    {
        var errors = new List<ScoringValidationError>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new("configuration_name", "configuration_name must not be empty."));
        }

        errors.AddRange(Weights.Validate());
        errors.AddRange(RpeTable.Validate());
        if (DefaultExpectedContractions < 1)
        {
            errors.Add(new("default_expected_contractions", $"default_expected_contractions must be at least 1 (got {DefaultExpectedContractions})."));
        }

        return errors;
    }

    /// <exception cref="ScoringConfigurationException">The configuration is invalid; the exception names each problem.</exception>
    public ScoringConfiguration EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new ScoringConfigurationException(Name, errors);
    }
}
