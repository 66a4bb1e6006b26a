using System.Net;
using System.Text.Json;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http;

/// <summary>
/// The storage webhook (system.md §3): <c>POST /webhooks/storage/c3d-upload</c> authenticates before it
/// parses, caps the body at 1 MiB, answers the validation table of §3.3 and runs Phase 1 on the
/// application's stopping token so that it completes even when the caller hangs up; and
/// <c>GET /webhooks/storage/status/{id}</c> for callers with the webhook's credential or an API key.
/// </summary>
internal static partial class WebhookEndpoints
{
    public const string UploadRoute = "/webhooks/storage/c3d-upload";

    private static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement.Clone();

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/webhooks/storage").WithTags("Webhook").AllowAnonymous(); // the webhook's own secret, see WebhookAuthenticator
        group.MapPost("/c3d-upload", ReceiveAsync)
            .WithName("StorageWebhook")
            .WithSummary("Phase 1 for an uploaded C3D object (Supabase database webhook or legacy payload)")
            .Produces<WebhookAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/status/{id}", StatusAsync)
            .WithName("WebhookStatus")
            .WithSummary("Processing status of a session (the webhook's credential or an API key)")
            .AddEndpointFilter<WebhookStatusFilter>()
            .Produces<WebhookStatusDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> ReceiveAsync(
        HttpContext context,
        WebhookAuthenticator authenticator,
        IOptions<WebhookOptions> options,
        SessionIngestor ingestor,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ingestor);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(WebhookEndpoints).FullName!);
        var settings = options.Value;

        var body = await ReadBodyAsync(context, settings.MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large",
                detail: $"The webhook body is limited to {settings.MaxBodyBytes} bytes.");
        }

        var request = context.Request;
        WebhookAuthentication authentication;
        try
        {
            // Standard Webhooks ids are recorded in the database, so a replay is refused by every process.
            authentication = await authenticator.AuthenticateDeliveryAsync(
                name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null, body, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (DatabaseUnavailableException e)
        {
            return Unavailable(context, settings, "The database is unavailable (" + e.Message + ").");
        }

        var auth = authentication.Outcome;
        if (auth == WebhookAuthOutcome.NoSecretConfigured && !IsLoopback(context.Connection))
        {
            auth = WebhookAuthOutcome.Missing;
        }

        if (auth is not (WebhookAuthOutcome.Authenticated or WebhookAuthOutcome.NoSecretConfigured))
        {
            LogUnauthorized(logger, auth, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: auth switch
                {
                    WebhookAuthOutcome.Expired => "The webhook timestamp is outside the allowed window.",
                    WebhookAuthOutcome.Replayed => "This webhook id was already received.",
                    WebhookAuthOutcome.Invalid => "The webhook credential does not match.",
                    _ => "The webhook needs a credential: Authorization: Bearer, X-Webhook-Secret, X-Webhook-Signature or Standard Webhooks headers.",
                });
        }

        var check = WebhookValidator.Validate(body, settings);
        switch (check.Verdict)
        {
            case WebhookVerdict.NotJson:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: check.Message);
            case WebhookVerdict.Invalid:
                return UnprocessableEntity(check.Errors!, check.Message);
            case WebhookVerdict.Ignored:
                LogHandled(logger, check.Event?.EventType ?? "-", check.Event?.Bucket ?? "-", check.Event?.Key ?? "-", "ignored", check.Message);
                return TypedResults.Ok(new WebhookAnswer(true, check.Message));
            case WebhookVerdict.Rejected:
                LogHandled(logger, check.Event!.EventType, check.Event.Bucket, check.Event.Key, "rejected", check.Message);
                return TypedResults.Ok(new WebhookAnswer(false, check.Message));
        }

        var storageEvent = check.Event!;
        IngestionResult result;
        try
        {
            // Not RequestAborted: Supabase hangs up after about a second, and Phase 1 must still finish.
            result = await ingestor.RegisterObjectAsync(storageEvent.Bucket, storageEvent.Key, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await ForgetDeliveryAsync(authenticator, authentication, logger).ConfigureAwait(false);
            return Unavailable(context, settings, "The server is shutting down; the reconciler will pick the object up.");
        }
        catch
        {
            // Phase 1 did not complete: the sender's retry of this delivery is not a replay.
            await ForgetDeliveryAsync(authenticator, authentication, logger).ConfigureAwait(false);
            throw;
        }

        LogHandled(logger, storageEvent.EventType, storageEvent.Bucket, storageEvent.Key, result.StatusName, result.Message);
        if (result.IsTransient)
        {
            await ForgetDeliveryAsync(authenticator, authentication, logger).ConfigureAwait(false);
            return Unavailable(context, settings, JoinSentences(result.Message, "The reconciler will pick the object up."));
        }

        if (result.Status == IngestionStatus.InvalidKey)
        {
            var problem = ServerPaths.Redact(result.Message)!;
            return UnprocessableEntity(new Dictionary<string, string[]> { ["key"] = [problem] }, problem);
        }

        return TypedResults.Ok(result.IsAccepted
            ? new WebhookAnswer(true, ServerPaths.Redact(result.Message)!, result.SessionId, result.StatusName,
                result.Status == IngestionStatus.DuplicateContent ? result.ExistingPath : null)
            : new WebhookAnswer(false, ServerPaths.Redact(result.Message)!, Outcome: result.StatusName));
    }

    public static async Task<IResult> StatusAsync(string id, string? include, ISessionStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionEndpoints.MalformedId(id);
        }

        // A database outage surfaces as DatabaseUnavailableException: the host's UnavailableExceptionHandler
        // answers it for every route (503 problem details with Retry-After).
        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Session not found", detail: $"No session {sessionId}.");
        }

        using var cache = JsonDocument.Parse(string.IsNullOrWhiteSpace(session.AnalyticsCacheJson) ? "{}" : session.AnalyticsCacheJson);
        var hasAnalysis = cache.RootElement.ValueKind == JsonValueKind.Object && cache.RootElement.EnumerateObject().Any();
        var includeAnalysis = include is not null
            && include.Split(',', StringSplitOptions.TrimEntries).Contains("analysis", StringComparer.OrdinalIgnoreCase);
        return TypedResults.Ok(new WebhookStatusDto(
            session.Id,
            session.ProcessingStatus,
            session.FilePath,
            session.CreatedAt,
            session.ProcessedAt,
            ServerPaths.Redact(session.ProcessingErrorMessage),
            hasAnalysis,
            session.CacheHits,
            includeAnalysis ? (hasAnalysis ? cache.RootElement.Clone() : JsonNull) : null));
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
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
            return null;
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult UnprocessableEntity(IReadOnlyDictionary<string, string[]> errors, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Invalid webhook payload",
            Detail = detail,
        });

    private static bool IsLoopback(ConnectionInfo connection) =>
        connection.LocalIpAddress is { } local ? IPAddress.IsLoopback(local) : connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);

    /// <summary>
    /// Forgets the Standard Webhooks id this request recorded (if any), so that the sender's retry is accepted.
    /// Best effort: when the database is down too, the id was most likely not kept either, and the 503 stands.
    /// </summary>
    private static async Task ForgetDeliveryAsync(WebhookAuthenticator authenticator, WebhookAuthentication authentication, ILogger logger)
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

    /// <summary>Two sentences, the first ended with a period when it has no closing punctuation.</summary>
    internal static string JoinSentences(string first, string second)
    {
        var trimmed = first.TrimEnd();
        return trimmed.Length == 0 ? second
            : trimmed[^1] is '.' or '!' or '?' ? trimmed + " " + second
            : trimmed + ". " + second;
    }

    private static IResult Unavailable(HttpContext context, WebhookOptions settings, string detail)
    {
        context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: ServerPaths.Redact(detail));
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Webhook {EventType} {Bucket}/{Key}: {Verdict} {Message}")]
    private static partial void LogHandled(ILogger logger, string eventType, string bucket, string key, string verdict, string message);

    [LoggerMessage(EventId = 5122, Level = LogLevel.Warning, Message = "Webhook delivery {WebhookId} could not be forgotten after a transient failure: {Reason}")]
    private static partial void LogForgetFailed(ILogger logger, string webhookId, string reason);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Warning, Message = "Webhook refused: {Outcome} from {Remote}")]
    private static partial void LogUnauthorized(ILogger logger, WebhookAuthOutcome outcome, string remote);
}
