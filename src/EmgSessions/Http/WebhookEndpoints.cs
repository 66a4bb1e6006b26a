using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Application.Webhooks;
using EmgSessions.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http;

/// <summary>
/// The storage webhook (system.md §3): <c>POST /webhooks/storage/c3d-upload</c> authenticates before it
/// parses, caps the body at 1 MiB, answers the validation table of §3.3 and runs Phase 1 on the
/// application's stopping token so that it completes even when the caller hangs up; and
/// <c>GET /webhooks/storage/status/{id}</c> for callers with the webhook's credential or an API key.
/// </summary>
internal static class WebhookEndpoints
{
    public const string UploadRoute = "/webhooks/storage/c3d-upload";

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/webhooks/storage").WithTags("Webhook").AllowAnonymous(); // the webhook's own secret, see WebhookAuthenticator
        group.MapPost("/c3d-upload", ReceiveAsync)
            .WithName("StorageWebhook")
            .WithSummary("Phase 1 for an uploaded C3D object (Supabase database webhook or legacy payload)")
            .AllowAnonymous()
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
            .RequirePermission(Permissions.SessionsRead)
            .Produces<SessionProcessing>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> ReceiveAsync(
        HttpContext context, StorageWebhookService webhooks, IOptions<WebhookOptions> options, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Kestrel's own limit just above the webhook's, so that the service decides and answers 413 itself.
            sizeFeature.MaxRequestBodySize = options.Value.MaxBodyBytes + 1;
        }

        var delivery = new WebhookDelivery(
            name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null,
            request.Body,
            request.ContentLength,
            IsLoopback(context.Connection),
            context.Connection.RemoteIpAddress?.ToString() ?? "?",
            context.RequestAborted);
        var outcome = await webhooks.ReceiveAsync(delivery, lifetime.ApplicationStopping).ConfigureAwait(false);
        return outcome switch
        {
            WebhookOutcome.TooLarge tooLarge => TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large",
                detail: $"The webhook body is limited to {tooLarge.LimitBytes} bytes."),
            WebhookOutcome.Unauthorized unauthorized => TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: unauthorized.Reason switch
                {
                    WebhookAuthOutcome.Expired => "The webhook timestamp is outside the allowed window.",
                    WebhookAuthOutcome.Replayed => "This webhook id was already received.",
                    WebhookAuthOutcome.Invalid => "The webhook credential does not match.",
                    _ => "The webhook needs a credential: Authorization: Bearer, X-Webhook-Secret, X-Webhook-Signature or Standard Webhooks headers.",
                }),
            WebhookOutcome.Malformed malformed => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: malformed.Message),
            WebhookOutcome.Invalid invalid => UnprocessableEntity(
                invalid.Errors.ToDictionary(e => e.Key, e => e.Value.Select(m => ServerPaths.Redact(m)!).ToArray(), StringComparer.Ordinal),
                ServerPaths.Redact(invalid.Message)!),
            WebhookOutcome.Ignored ignored => TypedResults.Ok(new WebhookAnswer(true, ignored.Message)),
            WebhookOutcome.Refused refused => TypedResults.Ok(new WebhookAnswer(false, ServerPaths.Redact(refused.Message)!, Outcome: refused.Ingestion)),
            WebhookOutcome.Accepted accepted => TypedResults.Ok(new WebhookAnswer(
                true, ServerPaths.Redact(accepted.Message)!, accepted.SessionId, accepted.Ingestion, accepted.OriginalPath)),
            WebhookOutcome.Unavailable unavailable => Unavailable(context, options.Value, unavailable.Message),
            _ => throw new UnreachableException($"Unknown webhook outcome {outcome.GetType().Name}."),
        };
    }

    public static async Task<Results<Ok<SessionProcessing>, ProblemHttpResult>> StatusAsync(
        string id, string? include, HttpContext context, SessionQueries sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionEndpoints.MalformedId(id);
        }

        // A database outage surfaces as DatabaseUnavailableException: the host's UnavailableExceptionHandler
        // answers it for every route (503 problem details with Retry-After).
        var includeAnalysis = include is not null
            && include.Split(',', StringSplitOptions.TrimEntries).Contains("analysis", StringComparer.OrdinalIgnoreCase);
        var answer = await sessions.GetProcessingAsync(HttpActor.Of(context), sessionId, includeAnalysis, cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? TypedResults.Ok(answer.Value) : AnswerProblems.Problem(answer);
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

    private static IResult Unavailable(HttpContext context, WebhookOptions settings, string detail)
    {
        context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: ServerPaths.Redact(detail));
    }
}
