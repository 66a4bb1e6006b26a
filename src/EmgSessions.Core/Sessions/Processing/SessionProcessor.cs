using System.Diagnostics;
using System.Security.Cryptography;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Recordings;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Signals;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// Phase 2 for one claimed job (system.md §4.2–§4.3): get the bytes (spool by hash, else download and
/// check the hash), read the C3D file and upsert its technical data in its own transaction, run the EMG
/// analysis, then complete the job with the analytics cache in one transaction. Failures are classified:
/// permanent ones fail the session at once with a bounded message; transient ones are retried with
/// backoff and jitter until the attempts run out. A plain class: tests call it without a host. With
/// <paramref name="analysisThreads"/> the reading and the analysis run on those dedicated threads, the analysis
/// single-threaded; without, on the thread pool with the analysis's own parallelism. With <paramref name="signalSummaries"/>
/// the completion also enqueues the job that stores the recording's signal summaries.
/// </summary>
public sealed class SessionProcessor(
    ISessionStore store,
    IObjectStorage storage,
    FileSpool spool,
    SessionAnalysis analysis,
    SessionIngestor ingestor,
    IOptions<WorkerOptions> options,
    ILogger<SessionProcessor> logger,
    TimeProvider? timeProvider = null,
    AnalysisThreads? analysisThreads = null,
    ISessionScorer? scorer = null,
    SignalSummaryJobs? signalSummaries = null)
{
    /// <summary>Longest <c>processing_error_message</c> written.</summary>
    public const int MaxErrorLength = 500;

    private readonly WorkerOptions _options = options.Value;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Processes <paramref name="job"/> and records the outcome in the store. Cancellation (shutdown or a
    /// lost lease) gives the job back. Never throws for a bad file; throws only when the outcome itself
    /// cannot be recorded (the lease then expires and the job runs again).
    /// </summary>
    public async Task<ProcessingOutcome> ProcessAsync(ClaimedJob job, string workerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var started = Stopwatch.GetTimestamp();
        ProcessingLog.Claimed(logger, job.SessionId, job.FilePath, job.Attempts, workerId);
        if (job.Attempts > _options.MaxAttempts)
        {
            return await FailAsync(job, workerId, $"Gave up after {job.Attempts - 1} attempts: a worker stopped while processing this file each time.", null).ConfigureAwait(false);
        }

        try
        {
            var bytes = await LoadAsync(job, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                var (bucket, key) = LocationOf(job);
                await ingestor.RegisterObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
                await store.ReleaseJobAsync(job.JobId, workerId, CancellationToken.None).ConfigureAwait(false);
                ProcessingLog.Reregistered(logger, job.SessionId, job.FilePath);
                return ProcessingOutcome.Reregistered;
            }

            var recording = await BoundedAsync(() => EmgRecordingFactory.ReadForAnalysis(bytes, analysis.Options), "Reading the C3D file", cancellationToken).ConfigureAwait(false);
            SessionAnalysis.EnsureAnalysable(recording);
            var technical = TechnicalDataExtractor.From(job.SessionId, recording.Info);
            await store.UpsertTechnicalDataAsync(technical, cancellationToken).ConfigureAwait(false);

            var parallel = analysisThreads is null && Environment.ProcessorCount > 1;
            var result = await BoundedAsync(() => analysis.Run(recording, _time.GetUtcNow(), parallel, job.FileHash), "The EMG analysis", cancellationToken).ConfigureAwait(false);
            if (scorer is not null)
            {
                // Before the completion: a crash in between runs the job again, which writes the same values again.
                await scorer.RecordInputsAsync(job.SessionId, recording.Info.Parameters, cancellationToken).ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var completion = new SessionCompletion(job.SessionId, workerId, result.CacheJson, elapsed, result.GameMetadataJson, result.SessionDate, result.TherapistId,
                signalSummaries?.For(job.SessionId, job.FileHash));
            if (!await store.CompleteJobAsync(completion, CancellationToken.None).ConfigureAwait(false))
            {
                ProcessingLog.LeaseLost(logger, job.SessionId);
                return ProcessingOutcome.LeaseLost;
            }

            ProcessingLog.Completed(logger, job.SessionId, elapsed, technical.ChannelCount, technical.SamplingRate);
            await ScoreAsync(job.SessionId, cancellationToken).ConfigureAwait(false);
            return ProcessingOutcome.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await store.ReleaseJobAsync(job.JobId, workerId, CancellationToken.None).ConfigureAwait(false);
            ProcessingLog.Released(logger, job.SessionId);
            return ProcessingOutcome.Released;
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!failure.Transient)
            {
                return await FailAsync(job, workerId, failure.Message, elapsed).ConfigureAwait(false);
            }

            if (job.Attempts >= _options.MaxAttempts)
            {
                return await FailAsync(job, workerId, $"Failed after {job.Attempts} attempts: {failure.Message}", elapsed).ConfigureAwait(false);
            }

            var delay = RetryBackoff.Delay(job.Attempts, TimeSpan.FromSeconds(_options.RetryBaseDelaySeconds), TimeSpan.FromSeconds(_options.RetryMaxDelaySeconds), Random.Shared.NextDouble());
            var runAfter = _time.GetUtcNow() + delay;
            var message = Bound(failure.Message);
            if (!await store.RetryJobAsync(job.JobId, workerId, runAfter, message, CancellationToken.None).ConfigureAwait(false))
            {
                ProcessingLog.LeaseLost(logger, job.SessionId);
                return ProcessingOutcome.LeaseLost;
            }

            ProcessingLog.RetryScheduled(logger, job.SessionId, job.Attempts, runAfter, message);
            return ProcessingOutcome.RetryScheduled;
        }
    }

    /// <summary>
    /// The score of a session whose analytics were just stored. Its failure or a stop here changes nothing about the
    /// completed job: the score is then stale and the sweep computes it.
    /// </summary>
    private async Task ScoreAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (scorer is null)
        {
            return;
        }

        try
        {
            await scorer.ScoreAfterProcessingAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Permanent or transient, with the message users will read; null for cancellation.</summary>
    public static SessionProcessingException? Classify(Exception exception) => exception switch
    {
        OperationCanceledException timeout => new SessionProcessingException($"Timed out: {timeout.Message}", transient: true, timeout),
        SessionProcessingException known => known,
        C3dFormatException format => new SessionProcessingException(format.Message, transient: false, format),
        EmgAnalysisException analysis => new SessionProcessingException(analysis.Message, transient: false, analysis),
        StorageObjectNotFoundException gone => new SessionProcessingException($"The file is no longer in storage: {gone.Message}", transient: false, gone),
        StorageUnavailableException storageDown => new SessionProcessingException($"Storage unavailable: {storageDown.Message}", transient: true, storageDown),
        DatabaseUnavailableException databaseDown => new SessionProcessingException($"Database unavailable: {databaseDown.Message}", transient: true, databaseDown),
        IOException io => new SessionProcessingException($"I/O error: {io.Message}", transient: true, io),
        TimeoutException timeout => new SessionProcessingException($"Timed out: {timeout.Message}", transient: true, timeout),
        HttpRequestException http => new SessionProcessingException($"Storage unavailable: {http.Message}", transient: true, http),
        _ => new SessionProcessingException($"Processing failed ({exception.GetType().Name}): {exception.Message}", transient: false, exception),
    };

    /// <summary>A message cut to <see cref="MaxErrorLength"/> characters, on one line.</summary>
    public static string Bound(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxErrorLength ? line : string.Concat(line.AsSpan(0, MaxErrorLength - 1), "…");
    }

    private async Task<ProcessingOutcome> FailAsync(ClaimedJob job, string workerId, string message, double? elapsedMs)
    {
        // A failed upload never replaces earlier good analytics (an overwrite keeps them until its own analysis succeeds): say so.
        const string Kept = " The analytics of the previous upload are kept.";
        var bounded = Bound(message);
        var session = await store.GetSessionAsync(job.SessionId, CancellationToken.None).ConfigureAwait(false);
        if (StoredAnalytics.Read(session?.AnalyticsCacheJson).HasAnalytics)
        {
            bounded = bounded.Length + Kept.Length <= MaxErrorLength
                ? bounded + Kept
                : string.Concat(bounded.AsSpan(0, MaxErrorLength - Kept.Length - 1), "…", Kept);
        }

        if (!await store.FailJobAsync(job.JobId, workerId, bounded, elapsedMs, CancellationToken.None).ConfigureAwait(false))
        {
            ProcessingLog.LeaseLost(logger, job.SessionId);
            return ProcessingOutcome.LeaseLost;
        }

        ProcessingLog.FailedPermanently(logger, job.SessionId, bounded);
        return ProcessingOutcome.Failed;
    }

    /// <summary>The file's bytes, or null when the stored object no longer has the registered hash (an overwrite).</summary>
    private async Task<byte[]?> LoadAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        if (job.FileSizeBytes > _options.MaxFileSizeBytes)
        {
            throw new SessionProcessingException($"The file is {job.FileSizeBytes} bytes, above the limit of {_options.MaxFileSizeBytes} bytes.", transient: false);
        }

        var spooled = spool.TryOpen(job.FileHash);
        if (spooled is not null)
        {
            await using (spooled.ConfigureAwait(false))
            {
                var bytes = await ReadRegisteredAsync(spooled, job.FileSizeBytes, cancellationToken).ConfigureAwait(false);
                if (bytes is not null && HashOf(bytes) == job.FileHash)
                {
                    return bytes;
                }
            }
        }

        var (bucket, key) = LocationOf(job);
        var download = await storage.OpenReadAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        await using (download.ConfigureAwait(false))
        {
            var bytes = await ReadRegisteredAsync(download, job.FileSizeBytes, cancellationToken).ConfigureAwait(false);
            return bytes is not null && HashOf(bytes) == job.FileHash ? bytes : null;
        }
    }

    /// <summary>
    /// The stream's bytes, read into one array of the registered size (no growing buffer, no copy); null when the
    /// stream is shorter or longer, i.e. not the registered content. Without a registered size, a bounded read.
    /// </summary>
    private async Task<byte[]?> ReadRegisteredAsync(Stream stream, long registeredSize, CancellationToken cancellationToken)
    {
        if (registeredSize <= 0 || registeredSize > Array.MaxLength)
        {
            return await ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)registeredSize);
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = await stream.ReadAsync(bytes.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }

        var probe = new byte[1];
        return await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0 ? bytes : null;
    }

    private async Task<byte[]> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxFileSizeBytes)
            {
                throw new SessionProcessingException($"The file is larger than the limit of {_options.MaxFileSizeBytes} bytes.", transient: false);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Where the session's object is: the bucket Phase 1 recorded and the stored path; for sessions that predate the
    /// record (the predecessor's), the configured bucket, with the bucket prefix the predecessor put in file_path removed.
    /// </summary>
    private (string Bucket, string Key) LocationOf(ClaimedJob job) =>
        string.IsNullOrEmpty(job.StorageBucket) ? StoredObject.Locate(job.FilePath, _options.Bucket) : (job.StorageBucket, job.FilePath);

    private static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Runs CPU-bound work off the caller's thread (on the analysis threads when given, else the thread pool)
    /// with the configured time bound.
    /// </summary>
    private async Task<T> BoundedAsync<T>(Func<T> work, string what, CancellationToken cancellationToken)
    {
        var task = analysisThreads is null ? Task.Run(work, CancellationToken.None) : analysisThreads.RunAsync(work, cancellationToken);
        try
        {
            return await task.WaitAsync(_options.ProcessingTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new SessionProcessingException($"{what} took longer than {_options.ProcessingTimeoutSeconds:0.#} s.", transient: false);
        }
    }
}
