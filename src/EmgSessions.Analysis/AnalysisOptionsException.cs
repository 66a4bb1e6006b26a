namespace EmgSessions.Analysis;

/// <summary>Analysis options that cannot be used; the message names the option and the accepted range.</summary>
public sealed class AnalysisOptionsException : Exception
{
    public AnalysisOptionsException(string message)
        : base(message)
    {
    }

    public AnalysisOptionsException()
    {
    }

    public AnalysisOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
