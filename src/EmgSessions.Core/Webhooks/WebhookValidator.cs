using EmgSessions.Core.Storage;

namespace EmgSessions.Core.Webhooks;

/// <summary>
/// The validation table of system.md §3.3 as a pure function: parse, then check the key, the file
/// type, the bucket and the announced size against <see cref="WebhookOptions"/>.
/// </summary>
public static class WebhookValidator
{
    public static WebhookCheck Validate(ReadOnlyMemory<byte> body, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = WebhookPayloadParser.Parse(body);
        return parsed.Verdict == WebhookVerdict.Accepted ? Validate(parsed.Event!, options) : parsed;
    }

    public static WebhookCheck Validate(StorageEvent storageEvent, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        ArgumentNullException.ThrowIfNull(options);
        var keyField = storageEvent.Format == WebhookPayloadFormat.Legacy ? "objectName" : "record.name";
        if (ObjectKey.Validate(storageEvent.Key) is { } keyProblem)
        {
            return WebhookCheck.Invalid(keyField, keyProblem);
        }

        var bucketField = storageEvent.Format == WebhookPayloadFormat.Legacy ? "bucket" : "record.bucket_id";
        if (ObjectKey.ValidateBucket(storageEvent.Bucket) is { } bucketProblem)
        {
            return WebhookCheck.Invalid(bucketField, bucketProblem);
        }

        if (!storageEvent.Key.EndsWith(".c3d", StringComparison.OrdinalIgnoreCase))
        {
            return WebhookCheck.Ignored($"Ignoring non-C3D file: {storageEvent.Key}");
        }

        if (!options.AcceptedBuckets.Contains(storageEvent.Bucket, StringComparer.Ordinal))
        {
            return WebhookCheck.Rejected($"Invalid bucket: {storageEvent.Bucket}", storageEvent);
        }

        if (storageEvent.Size == 0)
        {
            return WebhookCheck.Rejected($"Empty file: {storageEvent.Key} (0 bytes)", storageEvent);
        }

        if (storageEvent.Size > options.MaxFileSizeBytes)
        {
            return WebhookCheck.Rejected(
                $"File too large: {storageEvent.Key} ({storageEvent.Size} bytes; the limit is {options.MaxFileSizeBytes} bytes)", storageEvent);
        }

        return WebhookCheck.Accepted(storageEvent);
    }
}
