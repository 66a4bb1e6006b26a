namespace EmgSessions.Analysis;

/// <summary>How a recording parameter's value is stored.</summary>
public enum RecordingParameterKind
{
    Text,
    Integer,
    Real,
}
