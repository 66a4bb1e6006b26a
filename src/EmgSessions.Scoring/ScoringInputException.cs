namespace EmgSessions.Scoring;

/// <summary>Scoring inputs that cannot be scored (negative counts, an expected count below 1, an RPE outside the configured table).</summary>
public sealed class ScoringInputException : Exception
{
    public ScoringInputException()
        : base("The scoring inputs are invalid.")
    {
    }

    public ScoringInputException(string message)
        : base(message)
    {
    }

    public ScoringInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
