namespace EmgSessions.Scoring;

/// <summary>Where the configuration of a session came from, in the order they are tried (scoring.md §3).</summary>
public enum ConfigurationSource
{
    /// <summary>The session's own configuration.</summary>
    Session,

    /// <summary>The patient's current configuration.</summary>
    Patient,

    /// <summary>The newest active configuration named <c>GHOSTLY-TRIAL-DEFAULT</c>.</summary>
    TrialDefault,

    /// <summary>The newest active configuration of any name.</summary>
    AnyActive,

    /// <summary>No configuration is stored: the built-in trial defaults.</summary>
    BuiltIn,
}
