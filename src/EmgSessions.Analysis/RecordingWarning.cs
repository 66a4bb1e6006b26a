namespace EmgSessions.Analysis;

/// <summary>
/// Something about a recording that a reader of its results must know (a truncated file, a repaired parameter,
/// an assumed sampling rate): a stable <paramref name="Code"/> (for example <c>FrameCountClamped</c>) and a
/// readable message. Carried into the result, the analytics cache and every output.
/// </summary>
public sealed record RecordingWarning(string Code, string Message);
