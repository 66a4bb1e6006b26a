using EmgSessions.Core.Database;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>
/// What a test of real <c>emgs worker</c> processes stands on: a temp data folder (a local bucket and a spool), a fresh
/// migrated database, Phase 1 to register recordings, and workers started on all of them. Deletes the folder and the
/// database when disposed.
/// </summary>
internal sealed class WorkerBench : IAsyncDisposable
{
    public const string Bucket = "c3d-examples";

    private readonly EndToEndDatabase _database;
    private readonly LocalFolderStorage _storage;
    private readonly SessionIngestor _ingestor;

    private WorkerBench(string root, EndToEndDatabase database, ISessionStore store)
    {
        Root = root;
        _database = database;
        Store = store;
        _storage = new LocalFolderStorage(StorageRoot);
        _ingestor = new SessionIngestor(_storage, store, new FileSpool(Spool), Options.Create(new WebhookOptions()), NullLogger<SessionIngestor>.Instance);
    }

    /// <summary>The temp data folder.</summary>
    public string Root { get; }

    /// <summary>The local bucket root the workers read (<c>--storage local:…</c>).</summary>
    public string StorageRoot => Path.Combine(Root, "storage");

    /// <summary>The spool Phase 1 writes and the workers read by default.</summary>
    public string Spool => Path.Combine(Root, "spool");

    public string DatabaseSpec => _database.Spec;

    /// <summary>The test's own connection to the database the workers use.</summary>
    public ISessionStore Store { get; }

    public static async Task<WorkerBench> CreateAsync(bool postgres, string folderPrefix)
    {
        var root = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        var database = await EndToEndDatabase.CreateAsync(postgres);
        var store = SessionStoreFactory.Create(database.Spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(CancellationToken.None);
        return new WorkerBench(root, database, store);
    }

    /// <summary>Puts <paramref name="bytes"/> in the bucket under <paramref name="key"/> and registers it (Phase 1); the session's id.</summary>
    public async Task<Guid> RegisterAsync(string key, byte[] bytes)
    {
        await _storage.PutAsync(Bucket, key, new MemoryStream(bytes), CancellationToken.None);
        var result = await _ingestor.RegisterObjectAsync(Bucket, key, CancellationToken.None);
        Assert.True(result.IsAccepted, result.Message);
        return result.SessionId!.Value;
    }

    /// <summary>A new file in the data folder, for a worker setting that holds work while the file exists.</summary>
    public string HoldFile()
    {
        var path = Path.Combine(Root, "hold-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "held");
        return path;
    }

    /// <summary>Starts an <c>emgs worker</c> on this bench's database and bucket (and spool, unless <paramref name="spool"/> names another).</summary>
    /// <param name="holdFile">Workers:HoldWhileFileExists (see <see cref="HoldFile"/>).</param>
    /// <param name="environment">Further settings as environment variables (<c>EMGS_Section__Key</c>).</param>
    public WorkerProcess StartWorker(
        int slots, double leaseSeconds, string? holdFile = null, string? spool = null, double pollSeconds = 0.2, IReadOnlyDictionary<string, string>? environment = null) =>
        WorkerProcess.Start(DatabaseSpec, StorageRoot, spool ?? Spool, slots, leaseSeconds, pollSeconds, holdFile, environment);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
