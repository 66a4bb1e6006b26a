using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Application.Webhooks;

/// <summary>
/// The storage webhook's whole decision (system.md §3), in order: read the body within the limit, authenticate it
/// before parsing (recording a Standard Webhooks id), validate it, run Phase 1, and forget the recorded id again
/// when Phase 1 did not complete, so that the sender's retry is not refused as a replay. Returns one
/// <see cref="WebhookOutcome"/>; the transport only renders it.
/// </summary>
internal sealed partial class StorageWebhookService(
    WebhookAuthenticator authenticator,
    SessionIngestor ingestor,
    IOptions<WebhookOptions> options,
    ILogger<StorageWebhookService> logger)
{
    /// <param name="stopping">
    /// The application's stopping token, never the request's: Supabase hangs up after about a second, and Phase 1
    /// must still finish. When it fires during Phase 1 the outcome is <see cref="WebhookOutcome.Unavailable"/>.
    /// </param>
    /// <exception cref="Exception">Any failure of Phase 1 that is not an outcome (after the delivery id is forgotten).</exception>
    public async Task<WebhookOutcome> ReceiveAsync(WebhookDelivery delivery, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        var body = await ReadBodyAsync(delivery, settings.MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return new WebhookOutcome.TooLarge(settings.MaxBodyBytes);
        }

        WebhookAuthentication authentication;
        try
        {
            // Standard Webhooks ids are recorded in the database, so a replay is refused by every process.
            authentication = await authenticator.AuthenticateDeliveryAsync(delivery.Header, body, stopping).ConfigureAwait(false);
        }
        catch (DatabaseUnavailableException e)
        {
            return new WebhookOutcome.Unavailable("The database is unavailable (" + e.Message + ").");
        }

        var auth = authentication.Outcome;
        if (auth == WebhookAuthOutcome.NoSecretConfigured && !delivery.FromLoopback)
        {
            auth = WebhookAuthOutcome.Missing;
        }

        if (auth is not (WebhookAuthOutcome.Authenticated or WebhookAuthOutcome.NoSecretConfigured))
        {
            LogUnauthorized(logger, auth, delivery.Remote);
            return new WebhookOutcome.Unauthorized(auth);
        }

        var check = WebhookValidator.Validate(body, settings);
        switch (check.Verdict)
        {
            case WebhookVerdict.NotJson:
                return new WebhookOutcome.Malformed(check.Message);
            case WebhookVerdict.Invalid:
                return new WebhookOutcome.Invalid(check.Errors!, check.Message);
            case WebhookVerdict.Ignored:
                LogHandled(logger, check.Event?.EventType ?? "-", check.Event?.Bucket ?? "-", check.Event?.Key ?? "-", "ignored", check.Message);
                return new WebhookOutcome.Ignored(check.Message);
            case WebhookVerdict.Rejected:
                LogHandled(logger, check.Event!.EventType, check.Event.Bucket, check.Event.Key, "rejected", check.Message);
                return new WebhookOutcome.Refused(check.Message);
        }

        var storageEvent = check.Event!;
        IngestionResult result;
        try
        {
            result = await ingestor.RegisterObjectAsync(storageEvent.Bucket, storageEvent.Key, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await ForgetDeliveryAsync(authentication).ConfigureAwait(false);
            return new WebhookOutcome.Unavailable("The server is shutting down; the reconciler will pick the object up.");
        }
        catch
        {
            // Phase 1 did not complete: the sender's retry of this delivery is not a replay.
            await ForgetDeliveryAsync(authentication).ConfigureAwait(false);
            throw;
        }

        LogHandled(logger, storageEvent.EventType, storageEvent.Bucket, storageEvent.Key, result.StatusName, result.Message);
        if (result.IsTransient)
        {
            await ForgetDeliveryAsync(authentication).ConfigureAwait(false);
            return new WebhookOutcome.Unavailable(JoinSentences(result.Message, "The reconciler will pick the object up."));
        }

        if (result.Status == IngestionStatus.InvalidKey)
        {
            return new WebhookOutcome.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["key"] = [result.Message] }, result.Message);
        }

        return result.IsAccepted
            ? new WebhookOutcome.Accepted(result.SessionId!.Value, result.Message, result.StatusName,
                result.Status == IngestionStatus.DuplicateContent ? result.ExistingPath : null)
            : new WebhookOutcome.Refused(result.Message, result.StatusName);
    }

    /// <summary>Two sentences, the first ended with a period when it has no closing punctuation.</summary>
    internal static string JoinSentences(string first, string second)
    {
        var trimmed = first.TrimEnd();
        return trimmed.Length == 0 ? second
            : trimmed[^1] is '.' or '!' or '?' ? trimmed + " " + second
            : trimmed + ". " + second;
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (announced, counted, or refused by the server).</summary>
    private static async Task<byte[]?> ReadBodyAsync(WebhookDelivery delivery, long limit)
    {
        if (delivery.DeclaredLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await delivery.Body.ReadAsync(chunk, delivery.BodyAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own body limit, which the HTTP transport sets just above ours.
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Forgets the Standard Webhooks id this delivery recorded (if any), so that the sender's retry is accepted.
    /// Best effort: when the database is down too, the id was most likely not kept either, and the outcome stands.
    /// </summary>
    private async Task ForgetDeliveryAsync(WebhookAuthentication authentication)
    {
        if (authentication.RecordedDeliveryId is not { } id)
        {
            return;
        }

        try
        {
            await authenticator.ForgetDeliveryAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DatabaseUnavailableException e)
        {
            LogForgetFailed(logger, id, e.Message);
        }
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Webhook {EventType} {Bucket}/{Key}: {Verdict} {Message}")]
    private static partial void LogHandled(ILogger logger, string eventType, string bucket, string key, string verdict, string message);

    [LoggerMessage(EventId = 5122, Level = LogLevel.Warning, Message = "Webhook delivery {WebhookId} could not be forgotten after a transient failure: {Reason}")]
    private static partial void LogForgetFailed(ILogger logger, string webhookId, string reason);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Warning, Message = "Webhook refused: {Outcome} from {Remote}")]
    private static partial void LogUnauthorized(ILogger logger, WebhookAuthOutcome outcome, string remote);
}
