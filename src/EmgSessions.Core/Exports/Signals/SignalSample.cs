namespace EmgSessions.Core.Exports.Signals;

/// <summary>One sample of one channel at full resolution.</summary>
public sealed record SignalSample(string Channel, long SampleIndex, double TimeMs, double Value);
