namespace EmgSessions.Analysis;

/// <summary>
/// One detected contraction (§7.2 step 8). <see cref="StartSample"/> and <see cref="EndSample"/> are the envelope
/// indices (the end is exclusive inside the recording, N−1 at its end); the JSON carries only the times.
/// </summary>
public sealed record Contraction(
    int StartSample,
    int EndSample,
    double StartTimeMs,
    double EndTimeMs,
    double DurationMs,
    double MeanAmplitude,
    double MaxAmplitude,
    bool IsGood,
    bool MeetsMvc,
    bool MeetsDuration);
