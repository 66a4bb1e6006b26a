namespace EmgSessions.Analysis.Pipeline;

/// <summary>The contraction part of a channel's analytics (§7.3).</summary>
internal sealed record ContractionSummary(
    IReadOnlyList<Contraction> Contractions,
    double AvgDurationMs,
    double MinDurationMs,
    double MaxDurationMs,
    double TotalTimeUnderTensionMs,
    double AvgAmplitude,
    double MaxAmplitude,
    int GoodCount,
    int MvcCount,
    int DurationCount);
