namespace EmgSessions.Scoring;

/// <summary>
/// Chooses the configuration of a session (scoring.md §3, the predecessor's <c>get_session_scoring_config</c>):
/// the session's own → the patient's → the newest active <c>GHOSTLY-TRIAL-DEFAULT</c> → the newest active
/// configuration → the built-in trial defaults. A session's or patient's configuration applies whether or not it is
/// still active: scores keep the version they were given.
/// </summary>
public static class ScoringConfigurationResolver
{
    public static ResolvedConfiguration Resolve(
        Guid? sessionConfigurationId,
        Guid? patientConfigurationId,
        IReadOnlyCollection<ScoringConfiguration> configurations)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        var skipped = new List<string>();
        if (Find(sessionConfigurationId, "session", configurations, skipped) is { } session)
        {
            return new(session, ConfigurationSource.Session, skipped);
        }

        if (Find(patientConfigurationId, "patient", configurations, skipped) is { } patient)
        {
            return new(patient, ConfigurationSource.Patient, skipped);
        }

        var active = configurations
            .Where(c => c.Active)
            .OrderByDescending(c => c.CreatedAt ?? DateTimeOffset.MinValue)
            .ToArray();
        if (active.FirstOrDefault(c => string.Equals(c.Name, ScoringConfiguration.TrialDefaultName, StringComparison.Ordinal)) is { } trial)
        {
            return new(trial, ConfigurationSource.TrialDefault, skipped);
        }

        return active.Length > 0
            ? new(active[0], ConfigurationSource.AnyActive, skipped)
            : new(ScoringConfiguration.BuiltInTrialDefault, ConfigurationSource.BuiltIn, skipped);
    }

    private static ScoringConfiguration? Find(Guid? id, string owner, IReadOnlyCollection<ScoringConfiguration> configurations, List<string> skipped)
    {
        if (id is not { } wanted)
        {
            return null;
        }

        var found = configurations.FirstOrDefault(c => c.Id == wanted);
        if (found is null)
        {
            skipped.Add($"the {owner}'s configuration {wanted} does not exist");
        }

        return found;
    }
}
