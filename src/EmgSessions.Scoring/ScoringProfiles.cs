namespace EmgSessions.Scoring;

/// <summary>The stored names of the scoring profiles and their parsing.</summary>
public static class ScoringProfiles
{
    public const string GhostlyV1Name = "ghostly-v1";

    public const string GhostlyTrialName = "ghostly-trial";

    /// <summary>The profile used when none is asked for.</summary>
    public const ScoringProfile Default = ScoringProfile.GhostlyTrial;

    public static string Name(this ScoringProfile profile) => profile switch
    {
        ScoringProfile.GhostlyV1 => GhostlyV1Name,
        ScoringProfile.GhostlyTrial => GhostlyTrialName,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown scoring profile."),
    };

    /// <summary>The profile named <paramref name="name"/> (case-insensitive), or false.</summary>
    public static bool TryParse(string? name, out ScoringProfile profile)
    {
        if (string.Equals(name, GhostlyV1Name, StringComparison.OrdinalIgnoreCase))
        {
            profile = ScoringProfile.GhostlyV1;
            return true;
        }

        if (string.Equals(name, GhostlyTrialName, StringComparison.OrdinalIgnoreCase))
        {
            profile = ScoringProfile.GhostlyTrial;
            return true;
        }

        profile = Default;
        return false;
    }
}
