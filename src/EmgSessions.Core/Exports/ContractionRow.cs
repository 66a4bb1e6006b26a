namespace EmgSessions.Core.Exports;

/// <summary>One contraction of one channel, as the analytics JSON stores it (times in ms from the recording's start).</summary>
public sealed record ContractionRow(
    string Channel,
    string? Side,
    int Index,
    double? StartTimeMs,
    double? EndTimeMs,
    double? DurationMs,
    double? MeanAmplitude,
    double? MaxAmplitude,
    bool IsGood,
    bool MeetsMvc,
    bool MeetsDuration);
