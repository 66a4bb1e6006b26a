namespace EmgSessions.Analysis;

/// <summary>
/// An analog channel the analysis left out, with why: its unit or label says it is not EMG (force, moment,
/// angle, acceleration…), or an explicit channel list did not name it. <paramref name="Unit"/> is null when the
/// file gives none.
/// </summary>
public sealed record SkippedChannel(string Channel, string? Unit, string Reason);
