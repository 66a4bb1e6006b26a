namespace EmgSessions.Analysis.Pipeline;

/// <summary>One base channel to analyse: its name, the raw signal (null when the recording has none) and its duration threshold (§7.5).</summary>
internal readonly record struct ChannelInput(string Name, double[]? Signal, double? DurationThresholdMs);
