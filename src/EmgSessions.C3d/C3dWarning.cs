namespace EmgSessions.C3d;

/// <summary>
/// Something the reader skipped, repaired or doubted: a stable <paramref name="Code"/> (for example
/// <c>FrameCountClamped</c>), the byte offset it concerns (−1 when none) and a readable message.
/// </summary>
public sealed record C3dWarning(string Code, long Offset, string Message);
