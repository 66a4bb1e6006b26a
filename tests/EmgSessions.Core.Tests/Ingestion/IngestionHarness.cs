using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Storage;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Ingestion;

/// <summary>Phase 1 on real parts: a LocalFolderStorage temp root, a spool folder and a migrated store.</summary>
internal sealed class IngestionHarness : IDisposable
{
    public const string Bucket = "c3d-examples";

    private readonly TempDirectory _dir = new();

    public IngestionHarness(ISessionStore store, WebhookOptions? options = null, IObjectStorage? storage = null)
    {
        Store = store;
        Options = options ?? new WebhookOptions();
        Local = new LocalFolderStorage(_dir.Combine("storage"));
        Storage = storage ?? Local;
        Spool = new FileSpool(_dir.Combine("spool"));
        Ingestor = NewIngestor(Storage);
    }

    public ISessionStore Store { get; }

    public WebhookOptions Options { get; }

    public LocalFolderStorage Local { get; }

    public IObjectStorage Storage { get; }

    public FileSpool Spool { get; }

    public SessionIngestor Ingestor { get; }

    public SessionIngestor NewIngestor(IObjectStorage storage) =>
        new(storage, Store, Spool, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<SessionIngestor>.Instance);

    /// <param name="options">Reconciler options; by default list retries after 10 ms instead of a second.</param>
    public Reconciler NewReconciler(IObjectStorage? storage = null, ReconcilerOptions? options = null) =>
        new(
            storage ?? Storage,
            Store,
            NewIngestor(storage ?? Storage),
            Spool,
            Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(new IngestionOptions { SpoolDirectory = Spool.Directory }),
            Microsoft.Extensions.Options.Options.Create(options ?? new ReconcilerOptions { ListRetryDelay = TimeSpan.FromMilliseconds(10) }),
            TimeProvider.System,
            NullLogger<Reconciler>.Instance);

    public async Task PutFileAsync(string key, string file)
    {
        await using var stream = File.OpenRead(file);
        await Local.PutAsync(Bucket, key, stream, CancellationToken.None);
    }

    public Task PutBytesAsync(string key, byte[] bytes) => Local.PutAsync(Bucket, key, new MemoryStream(bytes), CancellationToken.None);

    public void Dispose() => _dir.Dispose();
}
