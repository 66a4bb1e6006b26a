namespace EmgSessions.Core.Signals;

/// <summary>
/// The recording whose signal summaries are wanted: its session, its stored path and content hash, and the bucket
/// Phase 1 read it from (null: the configured bucket, the predecessor's <c>bucket/key</c> paths understood).
/// </summary>
internal sealed record SignalSource(Guid SessionId, string FilePath, string FileHash, string? StorageBucket)
{
    /// <summary>The name of the summaries' file, also the dedup key of their job (<see cref="SignalSummaryJobs.SummaryKey"/>).</summary>
    public string Key => SignalSummaryJobs.SummaryKey(SessionId, FileHash);
}
