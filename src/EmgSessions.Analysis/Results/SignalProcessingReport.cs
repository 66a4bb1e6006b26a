namespace EmgSessions.Analysis;

/// <summary>
/// <c>signal_processing</c> of a channel (§5): the source, the steps applied, their parameters and the quality
/// gate. A null cut-off or window means the step was skipped for this sampling rate.
/// </summary>
public sealed record SignalProcessingReport(
    string? Source,
    IReadOnlyList<string> ProcessingSteps,
    double? HighpassCutoffHz,
    bool Rectified,
    double? LowpassCutoffHz,
    int FilterOrder,
    double? SmoothingWindowMs,
    int? SmoothingWindowSamples,
    bool Valid,
    string Message,
    SignalStatistics? OriginalSignalStats,
    SignalStatistics? ProcessedSignalStats);
