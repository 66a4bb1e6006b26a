namespace EmgSessions.Analysis;

/// <summary>The game metadata of §4.4: each value is the parameter's first element as text, or null when missing.</summary>
public sealed record GameMetadata(
    string? GameName,
    string? Level,
    string? Duration,
    string? TherapistId,
    string? GroupId,
    string? Time,
    string? PlayerName,
    string? Score);
