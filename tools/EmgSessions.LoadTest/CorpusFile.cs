namespace EmgSessions.LoadTesting;

/// <summary>One uploaded recording: its object key in the bucket and its size.</summary>
internal sealed record CorpusFile(string Key, long Bytes);
