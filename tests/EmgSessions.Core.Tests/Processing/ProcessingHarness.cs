using EmgSessions.Analysis;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Processing;

/// <summary>Phase 1 and Phase 2 on real parts: a local storage folder, a spool and a migrated store; no host.</summary>
internal sealed class ProcessingHarness : IDisposable
{
    public const string Bucket = "c3d-examples";

    private readonly string _root = Directory.CreateTempSubdirectory("emgs-processing-").FullName;

    public ProcessingHarness(
        ISessionStore store, WorkerOptions? options = null, IObjectStorage? storage = null, TimeZoneInfo? sessionTimeZone = null, AnalysisThreads? analysisThreads = null)
    {
        Store = store;
        Options = options ?? new WorkerOptions { Count = 1, RetryBaseDelaySeconds = 0, RetryMaxDelaySeconds = 0 };
        Storage = new LocalFolderStorage(Path.Combine(_root, "storage"));
        Spool = new FileSpool(Path.Combine(_root, "spool"));
        Ingestor = new SessionIngestor(Storage, store, Spool, Microsoft.Extensions.Options.Options.Create(new WebhookOptions()), NullLogger<SessionIngestor>.Instance);
        Analysis = new SessionAnalysis(AnalysisOptions.Default, sessionTimeZone);
        Processor = new SessionProcessor(store, storage ?? Storage, Spool, Analysis, Ingestor,
            Microsoft.Extensions.Options.Options.Create(Options), NullLogger<SessionProcessor>.Instance, analysisThreads: analysisThreads);
    }

    public ISessionStore Store { get; }

    public WorkerOptions Options { get; }

    public LocalFolderStorage Storage { get; }

    public FileSpool Spool { get; }

    public SessionIngestor Ingestor { get; }

    public SessionAnalysis Analysis { get; }

    public SessionProcessor Processor { get; }

    public string StoragePath(string key) => Path.Combine(_root, "storage", Bucket, key);

    /// <summary>Puts the bytes in the bucket and runs Phase 1; returns the session id.</summary>
    public async Task<Guid> UploadAsync(string key, byte[] bytes)
    {
        await Storage.PutAsync(Bucket, key, new MemoryStream(bytes), CancellationToken.None);
        var result = await Ingestor.RegisterObjectAsync(Bucket, key, CancellationToken.None);
        Assert.True(result.IsAccepted, result.Message);
        return result.SessionId!.Value;
    }

    public async Task<ClaimedJob> ClaimAsync(string worker = "test-worker", TimeSpan? lease = null) =>
        await Store.ClaimJobAsync(worker, lease ?? TimeSpan.FromMinutes(1), CancellationToken.None)
        ?? throw new InvalidOperationException("No job was due.");

    public async Task<ProcessingOutcome> ClaimAndProcessAsync(string worker = "test-worker")
    {
        var job = await ClaimAsync(worker);
        return await Processor.ProcessAsync(job, worker, CancellationToken.None);
    }

    public async Task<SessionRecord> SessionAsync(Guid id) =>
        await Store.GetSessionAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"No session {id}.");

    public QueueWorker NewWorker(WorkerOptions? options = null) =>
        new(Store, new JobHandlerRegistry([new ProcessSessionJobHandler(Processor)]), Microsoft.Extensions.Options.Options.Create(options ?? Options), NullLogger<QueueWorker>.Instance);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
