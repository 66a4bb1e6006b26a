using EmgSessions.C3d;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Signals;

/// <summary>
/// Where the signal view's summaries live (dashboard.md §2): one file per recording, named by the file's SHA-256, in
/// a <c>signals</c> folder beside the spool, plus the last few in memory, so a window is a lookup. A recording without
/// its file (first request after an upgrade, another machine, a removed file) is built once from the spool or the
/// bucket and written; a new upload of other bytes has another hash and so other summaries. Phase 2's follow-up job
/// (<see cref="SignalSummaryJobs"/>) stores them ahead of the first view with <see cref="EnsureStoredAsync"/>.
/// </summary>
internal sealed partial class SignalSummaryStore
{
    /// <summary>Recordings kept in memory (a 175 s, two-channel recording takes about 3 MB).</summary>
    public const int MemoryCapacity = 8;

    private readonly IObjectStorage _storage;
    private readonly FileSpool _spool;
    private readonly string _bucket;
    private readonly ILogger<SignalSummaryStore> _logger;
    private readonly LinkedList<(string Key, SessionSignals Signals)> _recent = new();
    private readonly Lock _recentLock = new();
    private readonly SemaphoreSlim _buildGate = new(1, 1);
    private readonly AnalysisThreads? _analysisThreads;

    /// <param name="analysisThreads">Where <see cref="EnsureStoredAsync"/> builds (the workers' low-priority threads); the thread pool without.</param>
    public SignalSummaryStore(IObjectStorage storage, FileSpool spool, IOptions<WorkerOptions> workers, ILogger<SignalSummaryStore> logger, AnalysisThreads? analysisThreads = null)
    {
        ArgumentNullException.ThrowIfNull(spool);
        ArgumentNullException.ThrowIfNull(workers);
        _storage = storage;
        _spool = spool;
        _bucket = workers.Value.Bucket;
        _logger = logger;
        _analysisThreads = analysisThreads;
        Directory = Path.Combine(Path.GetDirectoryName(spool.Directory.TrimEnd(Path.DirectorySeparatorChar)) ?? spool.Directory, "signals");
    }

    /// <summary>The folder of the stored summaries.</summary>
    public string Directory { get; }

    /// <summary>
    /// The summaries of <paramref name="session"/>'s recording: from memory, else its file, else built from the recording
    /// and stored (one build at a time, shared with <see cref="EnsureStoredAsync"/>).
    /// </summary>
    /// <exception cref="StorageObjectNotFoundException">The recording is neither spooled nor in the bucket any more.</exception>
    /// <exception cref="C3dFormatException">The recording cannot be read.</exception>
    /// <exception cref="InvalidOperationException">The recording holds no analog samples.</exception>
    public async Task<SessionSignals> GetAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var source = new SignalSource(session.Id, session.FilePath, session.FileHash, null);
        var key = source.Key;
        if (Remembered(key) is { } known)
        {
            return known;
        }

        // Stored summaries (the job's, or an earlier view's) are read without waiting for a build of another recording.
        if (await ReadFileAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            Remember(key, stored);
            return stored;
        }

        await _buildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Remembered(key) is { } built)
            {
                return built;
            }

            var signals = await ReadFileAsync(key, cancellationToken).ConfigureAwait(false);
            if (signals is null)
            {
                var bytes = await LoadRecordingAsync(source, cancellationToken).ConfigureAwait(false);
                signals = await Task.Run(() => SessionSignals.Build(C3dReader.Read(bytes)), cancellationToken).ConfigureAwait(false);
                await TryWriteFileAsync(key, signals, cancellationToken).ConfigureAwait(false);
            }

            Remember(key, signals);
            return signals;
        }
        finally
        {
            _buildGate.Release();
        }
    }

    /// <summary>
    /// Builds the summaries of <paramref name="source"/>'s recording and writes their file, unless a readable file
    /// already holds them (another session with the same bytes, a reprocess, an earlier view): true when it built them.
    /// Builds one recording at a time with the views' builds, so a view waiting for the same recording reads the file.
    /// </summary>
    /// <exception cref="StorageObjectNotFoundException">The recording is neither spooled nor in the bucket any more.</exception>
    /// <exception cref="C3dFormatException">The recording cannot be read.</exception>
    /// <exception cref="InvalidOperationException">The recording holds no analog samples.</exception>
    /// <exception cref="SessionProcessingException">The file could not be written (transient: the folder may come back).</exception>
    public async Task<bool> EnsureStoredAsync(SignalSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var key = source.Key;
        if (await ReadFileAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await _buildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await ReadFileAsync(key, cancellationToken).ConfigureAwait(false) is not null)
            {
                return false;
            }

            var bytes = await LoadRecordingAsync(source, cancellationToken).ConfigureAwait(false);
            var signals = _analysisThreads is null
                ? await Task.Run(() => SessionSignals.Build(C3dReader.Read(bytes)), cancellationToken).ConfigureAwait(false)
                : await _analysisThreads.RunAsync(() => SessionSignals.Build(C3dReader.Read(bytes)), cancellationToken).ConfigureAwait(false);
            try
            {
                await WriteFileAsync(key, signals, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogNotWritten(_logger, Directory, e.Message);
                throw new SessionProcessingException(
                    $"The signal summaries could not be written ({e.GetType().Name}): check that the data folder's signals directory is writable and has free space. The signal view builds them on request meanwhile.",
                    transient: true,
                    e);
            }

            return true;
        }
        finally
        {
            _buildGate.Release();
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".ems");

    private SessionSignals? Remembered(string key)
    {
        lock (_recentLock)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return node.Value.Signals;
                }
            }
        }

        return null;
    }

    private void Remember(string key, SessionSignals signals)
    {
        lock (_recentLock)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _recent.Remove(node);
                    break;
                }
            }

            _recent.AddFirst((key, signals));
            while (_recent.Count > MemoryCapacity)
            {
                _recent.RemoveLast();
            }
        }
    }

    private async Task<SessionSignals?> ReadFileAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return SessionSignals.FromBytes(bytes);
        }
        catch (FormatException e)
        {
            LogDamaged(_logger, path, e.Message);
            return null;
        }
        catch (IOException e)
        {
            LogDamaged(_logger, path, e.Message);
            return null;
        }
    }

    private async Task WriteFileAsync(string key, SessionSignals signals, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(key);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, signals.ToBytes(), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes the file, or logs why not: a view is still served from memory and the file rebuilt when needed.</summary>
    private async Task TryWriteFileAsync(string key, SessionSignals signals, CancellationToken cancellationToken)
    {
        try
        {
            await WriteFileAsync(key, signals, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotStored(_logger, Directory, e.Message);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless: its name never matches a summary's.
        }
    }

    private async Task<byte[]> LoadRecordingAsync(SignalSource source, CancellationToken cancellationToken)
    {
        if (FileSpool.IsHash(source.FileHash) && _spool.TryOpen(source.FileHash) is { } spooled)
        {
            await using (spooled.ConfigureAwait(false))
            {
                using var copy = new MemoryStream();
                await spooled.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                return copy.ToArray();
            }
        }

        var (bucket, objectKey) = string.IsNullOrEmpty(source.StorageBucket)
            ? StoredObject.Locate(source.FilePath, _bucket)
            : (source.StorageBucket, source.FilePath);
        var stream = await _storage.OpenReadAsync(bucket, objectKey, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored signal summaries {Path} are unreadable ({Reason}); rebuilding them from the recording")]
    private static partial void LogDamaged(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signal summaries could not be written to {Directory} ({Reason}); they are kept in memory only")]
    private static partial void LogNotStored(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signal summaries could not be written to {Directory} ({Reason}); the job will be retried")]
    private static partial void LogNotWritten(ILogger logger, string directory, string reason);
}
