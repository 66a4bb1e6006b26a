namespace EmgSessions.Analysis;

/// <summary>
/// The recording holds nothing the EMG analysis can work on: no analog channel, no EMG channel (every channel's
/// unit or label says it is something else), or no sample at all. The message says why in a user's words.
/// </summary>
public sealed class EmgAnalysisException : Exception
{
    public EmgAnalysisException()
        : base("The recording holds nothing the EMG analysis can work on.")
    {
    }

    public EmgAnalysisException(string message)
        : base(message)
    {
    }

    public EmgAnalysisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
