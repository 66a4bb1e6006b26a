namespace EmgSessions.Core.Exports;

/// <summary>A session's export cannot be made yet or any more (no analysis stored, the recording is gone); the message says why and what to do.</summary>
public sealed class ExportNotReadyException(string message) : Exception(message);
