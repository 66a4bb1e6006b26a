namespace EmgSessions.Scoring;

/// <summary>Which inputs of a score were known (scoring.md §4): a null component says why through these flags.</summary>
public sealed record DataCompleteness(bool HasEmgData, bool HasRpe, bool HasGameData, bool HasBfrData);
