namespace EmgSessions.Scoring;

/// <summary>Where the expected contractions of a side came from, in the order they are tried (scoring.md §1).</summary>
public enum ExpectedContractionsSource
{
    /// <summary>The session's settings.</summary>
    Session,

    /// <summary>The patient's targets.</summary>
    Patient,

    /// <summary>The recording's <c>THERAPY:TARGET_CONTRACTIONS_CH1/CH2</c>.</summary>
    Recording,

    /// <summary>The configuration's default (12 unless configured otherwise).</summary>
    Configuration,
}
