namespace EmgSessions.C3d;

/// <summary>One event: label (trimmed), time in seconds as stored, context (Left/Right/General) when the EVENT group has one.</summary>
public sealed record C3dEvent(string Label, double TimeSeconds, string? Context, C3dEventSource Source);
