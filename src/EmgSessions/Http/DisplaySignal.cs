namespace EmgSessions.Http;

/// <summary>
/// One entry of <c>/upload</c>'s <c>emg_signals</c> (emg-analysis.md §5 "Display signals"): a channel's samples,
/// their moving RMS, and the envelope when the channel is the one its base analyses. <c>activated_data</c> is
/// always null and <c>time_axis</c> is sample index / sampling rate, so neither is held here.
/// </summary>
internal sealed record DisplaySignal(string Name, double SamplingRate, double[] Data, double[] RmsEnvelope, double[]? ProcessedData);
