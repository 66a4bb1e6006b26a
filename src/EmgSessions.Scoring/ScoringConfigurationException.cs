namespace EmgSessions.Scoring;

/// <summary>A scoring configuration that cannot be used: its weights or RPE table are invalid. <see cref="Errors"/> names each problem.</summary>
public sealed class ScoringConfigurationException : Exception
{
    public ScoringConfigurationException()
        : this("The scoring configuration is invalid.")
    {
    }

    public ScoringConfigurationException(string message)
        : base(message) => Errors = [];

    public ScoringConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public ScoringConfigurationException(string configurationName, IReadOnlyList<ScoringValidationError> errors)
        : base($"Scoring configuration '{configurationName}' is invalid: {string.Join(" ", (errors ?? []).Select(e => e.Message))}") =>
        Errors = errors ?? [];

    public IReadOnlyList<ScoringValidationError> Errors { get; }
}
