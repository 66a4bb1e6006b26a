namespace EmgSessions.Cli;

/// <summary>One file of an ingest run: its display name, its object key, and how to read it.</summary>
internal sealed record IngestItem(string Label, string Key, Func<CancellationToken, Task<Stream>> Open);
