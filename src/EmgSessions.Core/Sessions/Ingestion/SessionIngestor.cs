using System.Diagnostics;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>
/// Phase 1 (system.md §3.4), shared by the webhook, <c>emgs ingest</c> and the reconciler: stream the
/// object from storage into the spool while hashing it, refuse empty and oversize objects without
/// storing anything, then write session + job in one transaction through
/// <see cref="ISessionStore.RegisterUploadAsync"/>. Expected outcomes are values, not exceptions.
/// </summary>
public sealed class SessionIngestor(
    IObjectStorage storage,
    ISessionStore store,
    FileSpool spool,
    IOptions<WebhookOptions> options,
    ILogger<SessionIngestor> logger)
{
    private readonly Lazy<TimeZoneInfo> _zone = new(() => options.Value.ResolveTimeZone());

    /// <summary>Runs Phase 1 for <paramref name="bucket"/>/<paramref name="key"/>.</summary>
    public async Task<IngestionResult> RegisterObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(key);
        if ((ObjectKey.ValidateBucket(bucket) ?? ObjectKey.Validate(key)) is { } problem)
        {
            return new IngestionResult(IngestionStatus.InvalidKey, $"Invalid object key {bucket}/{key}: {problem}");
        }

        var watch = Stopwatch.StartNew();
        var maxBytes = options.Value.MaxFileSizeBytes;
        SpoolResult spooled;
        try
        {
            await using var stream = await storage.OpenReadAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            spooled = await spool.WriteAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageObjectNotFoundException)
        {
            IngestionLog.ObjectNotFound(logger, bucket, key);
            return new IngestionResult(IngestionStatus.ObjectNotFound, $"File not found in storage: {bucket}/{key}");
        }
        catch (StorageUnavailableException e)
        {
            IngestionLog.StorageUnavailable(logger, bucket, key, e.Message);
            return new IngestionResult(IngestionStatus.StorageUnavailable, $"Storage unavailable: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The local spool (disk full, permissions): as transient as a storage outage.
            IngestionLog.StorageUnavailable(logger, bucket, key, "spool: " + e.Message);
            return new IngestionResult(IngestionStatus.StorageUnavailable, $"Spool unavailable: {e.Message}");
        }

        if (spooled.TooLarge)
        {
            IngestionLog.Refused(logger, bucket, key, "too large");
            return new IngestionResult(IngestionStatus.TooLarge, $"File too large: {key} (more than {maxBytes} bytes)", FileSizeBytes: spooled.Length);
        }

        if (spooled.IsEmpty)
        {
            IngestionLog.Refused(logger, bucket, key, "empty");
            return new IngestionResult(IngestionStatus.EmptyFile, $"Empty file: {key} (0 bytes)", FileSizeBytes: 0);
        }

        var path = SessionPathConventions.Derive(key, _zone.Value);
        var session = new NewSession(
            key, spooled.Hash!, spooled.Length, path.OriginalFilename, path.PatientId, path.SessionCode, path.SessionDate, path.GameMetadataJsonFor(bucket));
        SessionRegistration registration;
        try
        {
            registration = await store.RegisterUploadAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseUnavailableException e)
        {
            IngestionLog.DatabaseUnavailable(logger, bucket, key, e.Message);
            return new IngestionResult(IngestionStatus.DatabaseUnavailable, $"Database unavailable: {e.Message}", FileHash: spooled.Hash, FileSizeBytes: spooled.Length);
        }

        IngestionLog.Registered(logger, bucket, key, registration.SessionId, registration.Outcome, spooled.Length, watch.Elapsed.TotalMilliseconds);
        if (registration.UnassignedPatientCode is { } code)
        {
            IngestionLog.PatientUnassigned(logger, bucket, key, code, registration.SessionId);
        }
        return registration.Outcome switch
        {
            RegistrationOutcome.Created => Accepted(IngestionStatus.Created, IngestionResult.ProcessingInitiated),
            RegistrationOutcome.AlreadyRegistered => Accepted(IngestionStatus.AlreadyRegistered, IngestionResult.ProcessingInitiated),
            RegistrationOutcome.Overwritten => Accepted(IngestionStatus.Overwritten, IngestionResult.ProcessingInitiated),
            _ => Accepted(IngestionStatus.DuplicateContent, $"Duplicate file detected: same content as {registration.ExistingPath}"),
        };

        IngestionResult Accepted(IngestionStatus status, string message) =>
            new(status, message, registration.SessionId, registration.ExistingPath, spooled.Hash, spooled.Length);
    }
}
