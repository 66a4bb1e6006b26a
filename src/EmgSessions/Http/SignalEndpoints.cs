using System.Text.Json;
using EmgSessions.Analysis.Signals;
using EmgSessions.C3d;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Signals;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary>
/// <c>GET /api/sessions/{id}/signals/{channel}</c> (dashboard.md §2): a window of one channel's raw EMG, envelope or
/// activated signal as min/max per bucket, or the samples themselves when fewer than two fall on a point; JSON, or
/// the binary Float32 form with <c>format=f32</c> or <c>Accept: application/octet-stream</c>. A lookup in the
/// stored summaries (<see cref="SignalSummaryStore"/>), never a re-analysis.
/// </summary>
internal static class SignalEndpoints
{
    public const string Float32ContentType = "application/octet-stream";

    public static IEndpointRouteBuilder MapSignalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions/{id}/signals/{channel}", GetWindowAsync)
            .WithTags("Sessions")
            .WithName("GetSessionSignalWindow")
            .WithSummary("A window of one channel's raw EMG, envelope or activated signal: min/max per bucket, or the samples")
            .RequirePermission(Permissions.SessionsRead);
        return app;
    }

    public static async Task<IResult> GetWindowAsync(
        string id,
        string channel,
        [FromQuery] string? kind,
        [FromQuery(Name = "from_s")] string? fromS,
        [FromQuery(Name = "to_s")] string? toS,
        [FromQuery] string? points,
        [FromQuery] string? format,
        ISessionStore store,
        SignalSummaryStore summaries,
        SessionQueries queries,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionEndpoints.MalformedId(id);
        }

        var signalKind = kind ?? SignalKinds.Raw;
        if (!SignalKinds.All.Contains(signalKind))
        {
            return Invalid("kind", $"kind must be one of {string.Join(", ", SignalKinds.All)}; got '{SessionEndpoints.Shown(signalKind)}'.");
        }

        if (format is not null and not "json" and not "f32")
        {
            return Invalid("format", $"format must be json or f32 (binary Float32); got '{SessionEndpoints.Shown(format)}'.");
        }

        // Another therapist's session is "not found" before anything of it (its status, its file) shows.
        if (await queries.ReachAsync(HttpActor.Of(httpContext), sessionId, cancellationToken).ConfigureAwait(false) is { IsOk: false } refused)
        {
            return AnswerProblems.Problem(refused);
        }

        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Session not found", detail: $"No session has id {sessionId}.");
        }

        if (session.Technical is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Signals not ready",
                detail: session.ProcessingStatus == SessionStatus.Failed
                    ? $"Session {sessionId} failed before its recording was read: {session.ProcessingErrorMessage}"
                    : $"Session {sessionId} is {session.ProcessingStatus}; its signals can be shown once the recording has been read.",
                extensions: new Dictionary<string, object?> { ["processing_status"] = session.ProcessingStatus });
        }

        SessionSignals signals;
        try
        {
            signals = await summaries.GetAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StorageObjectNotFoundException or C3dFormatException or InvalidOperationException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Signals unavailable",
                detail: $"The recording of session {sessionId} cannot be shown: {SessionEndpoints.Shown(e.Message)} Upload the file again or reprocess the session.");
        }

        if (signals.Find(channel) is not { } found)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Channel not found",
                detail: $"Session {sessionId} has no channel '{SessionEndpoints.Shown(channel)}'; its channels are {string.Join(", ", signals.ChannelNames)}.",
                extensions: new Dictionary<string, object?> { ["channels"] = signals.ChannelNames });
        }

        if (found.Of(signalKind) is not { } pyramid)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Signal not recorded",
                detail: signalKind == SignalKinds.Activated
                    ? $"The recording has no '{found.Name} activated' channel; use kind=raw or kind=envelope."
                    : $"Channel {found.Name} has no envelope: its signal did not pass the analysis's validation. Use kind=raw.");
        }

        if (SignalWindowRequest.TryParse(fromS, toS, points, pyramid.Duration, out var request) is { } problem)
        {
            return Invalid(problem.Parameter, problem.Message);
        }

        var window = pyramid.Window(request!);
        httpContext.Response.Headers.CacheControl = "private, max-age=60";
        if (format == "f32" || (format is null && AcceptsFloat32(httpContext.Request)))
        {
            return TypedResults.Bytes(window.ToFloat32Bytes(), Float32ContentType);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            window.WriteJson(writer);
        }

        return TypedResults.Bytes(buffer.ToArray(), "application/json");
    }

    private static bool AcceptsFloat32(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains(Float32ContentType, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult Invalid(string parameter, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [parameter] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid signal window",
            Detail = message,
        });
}
