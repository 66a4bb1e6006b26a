namespace EmgSessions.Analysis;

/// <summary>
/// The analytics of one base channel (§8.2). Values that were not computed are null; a channel that failed
/// validation or had no raw signal keeps every key and says why in <see cref="Errors"/> (F1).
/// </summary>
public sealed record ChannelAnalysis
{
    public required string Name { get; init; }

    public int? ExpectedContractions { get; init; }

    public double? Rms { get; init; }

    public double? Mav { get; init; }

    public double? Mpf { get; init; }

    public double? Mdf { get; init; }

    public double? FatigueIndexFiNsm5 { get; init; }

    public TemporalStatistics? RmsTemporalStats { get; init; }

    public TemporalStatistics? MavTemporalStats { get; init; }

    public TemporalStatistics? FatigueIndexTemporalStats { get; init; }

    public TemporalStatistics? MpfTemporalStats { get; init; }

    public TemporalStatistics? MdfTemporalStats { get; init; }

    public required SignalProcessingReport SignalProcessing { get; init; }

    public int? ContractionCount { get; init; }

    public double? AvgDurationMs { get; init; }

    public double? MinDurationMs { get; init; }

    public double? MaxDurationMs { get; init; }

    public double? TotalTimeUnderTensionMs { get; init; }

    public double? AvgAmplitude { get; init; }

    public double? MaxAmplitude { get; init; }

    public IReadOnlyList<Contraction> Contractions { get; init; } = [];

    public int? GoodContractionCount { get; init; }

    public int? MvcContractionCount { get; init; }

    public int? DurationContractionCount { get; init; }

    public double? MvcThresholdActualValue { get; init; }

    public double? DurationThresholdActualValue { get; init; }

    /// <summary>"user_provided", "global_provided", "backend_estimation", or null when the estimate could not be made.</summary>
    public string? MvcEstimationMethod { get; init; }

    /// <summary>The MVC (volts) behind <see cref="MvcThresholdActualValue"/> and its percentage, when a threshold was applied.</summary>
    public double? MvcValueUsed { get; init; }

    public double? MvcPercentageUsed { get; init; }

    /// <summary>Error messages by key (§8.3), in the order they occurred; null when there were none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Errors { get; init; }

    /// <summary>True when the envelope was computed (the channel gets a "{base} Processed" entry).</summary>
    public bool HasEnvelope => SignalProcessing.Valid;
}
