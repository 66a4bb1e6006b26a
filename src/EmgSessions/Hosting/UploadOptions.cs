namespace EmgSessions.Hosting;

/// <summary><c>POST /upload</c> (section <c>Upload</c>).</summary>
internal sealed class UploadOptions
{
    public const string Section = "Upload";

    /// <summary>Analyses run at once; beyond them a caller gets 429 (default: the processor count).</summary>
    public int MaxConcurrentAnalyses { get; set; } = Environment.ProcessorCount;

    /// <summary>Problems with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Check() =>
        MaxConcurrentAnalyses is < 1 or > 1024
            ? [$"Upload:MaxConcurrentAnalyses must be between 1 and 1024 (got {MaxConcurrentAnalyses})."]
            : [];
}
