namespace EmgSessions.Analysis.Pipeline;

/// <summary>Inputs of the detection algorithm (§7.2) besides the envelope and the thresholds.</summary>
internal readonly record struct DetectionSettings(
    double ThresholdFactor,
    double MinDurationMs,
    int SmoothingWindow,
    double MergeGapMs,
    double RefractoryMs)
{
    public static DetectionSettings From(AnalysisOptions options) =>
        new(options.ThresholdFactor, options.MinDurationMs, options.SmoothingWindow, AnalysisOptions.MergeGapMs, AnalysisOptions.RefractoryMs);
}
