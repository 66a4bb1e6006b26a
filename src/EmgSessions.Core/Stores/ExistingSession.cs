namespace EmgSessions.Core.Stores;

/// <summary>A session row found while registering: its id and its file hash (found by path) or file path (found by hash).</summary>
internal readonly record struct ExistingSession(Guid Id, string Value);
