namespace EmgSessions.Core.Exports.Signals;

/// <summary>
/// A run of consecutive samples of one channel reduced to its minimum and maximum, so a decimated plot keeps every
/// peak; the bucket covers samples <see cref="FirstSample"/> to <see cref="LastSample"/> inclusive.
/// </summary>
public sealed record SignalBucket(string Channel, long BucketIndex, long FirstSample, long LastSample, double StartTimeMs, double EndTimeMs, double Min, double Max);
