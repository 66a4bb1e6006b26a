using EmgSessions.Core.Caching;
using EmgSessions.Core.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary><c>/api/sessions</c>: list, read, cached analytics, reprocess, delete (system.md §6).</summary>
internal static class SessionEndpoints
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sessions").WithTags("Sessions").AddEndpointFilter<ApiKeyFilter>();
        group.MapGet("/", ListAsync).WithName("ListSessions");
        group.MapGet("/{id}", GetAsync).WithName("GetSession");
        group.MapGet("/{id}/analytics", GetAnalyticsAsync).WithName("GetSessionAnalytics");
        group.MapPost("/{id}/reprocess", ReprocessAsync).WithName("ReprocessSession");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteSession");
        return app;
    }

    public static async Task<Results<Ok<SessionListDto>, ValidationProblem>> ListAsync(
        ISessionStore store,
        [FromQuery] string? status,
        [FromQuery(Name = "patient_id")] string? patientId,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] int? limit,
        [FromQuery] int? offset,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (status is not null && !SessionStatus.All.Contains(status))
        {
            errors["status"] = [$"Unknown status '{status}'; use one of {string.Join(", ", SessionStatus.All)}."];
        }

        var size = limit ?? 50;
        if (size is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxPageSize}."];
        }

        var skip = offset ?? 0;
        if (skip < 0)
        {
            errors["offset"] = ["offset must be 0 or more."];
        }

        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["from must not be after to."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await store.ListSessionsAsync(new SessionQuery(status, patientId, from, to, size, skip), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new SessionListDto([.. page.Items.Select(SessionDto.From)], page.Total, size, skip));
    }

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> GetAsync(string id, ISessionStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return MalformedId(id);
        }

        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return session is null ? NotFound(sessionId) : TypedResults.Ok(SessionDto.From(session));
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAnalyticsAsync(
        string id, ISessionStore store, AnalyticsCache cache, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return MalformedId(id);
        }

        var json = await cache.ReadAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (json is not null)
        {
            return TypedResults.Text(json, "application/json");
        }

        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return NotFound(sessionId);
        }

        if (AnalyticsProvenance.Describe(session.AnalyticsCacheJson, cache.ProcessingVersion) is { } stored)
        {
            // Stale, another version's or the predecessor's: readable as it is, marked, until it is recomputed.
            httpContext.Response.Headers[AnalyticsProvenance.OriginHeader] = stored.Origin;
            httpContext.Response.Headers[AnalyticsProvenance.VersionHeader] = stored.Version;
            httpContext.Response.Headers[AnalyticsProvenance.StaleHeader] = "true";
            return TypedResults.Text(session.AnalyticsCacheJson, "application/json");
        }

        return session.ProcessingStatus switch
        {
            SessionStatus.Completed => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No cached analytics",
                detail: $"The analytics of session {sessionId} expired or were made by another version or with other options. POST /api/sessions/{sessionId}/reprocess to compute them again."),
            SessionStatus.Failed => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Processing failed",
                detail: session.ProcessingErrorMessage ?? "Processing failed.",
                extensions: new Dictionary<string, object?> { ["processing_status"] = session.ProcessingStatus }),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Analytics not ready",
                detail: $"Session {sessionId} is {session.ProcessingStatus}; try again when it is completed.",
                extensions: new Dictionary<string, object?> { ["processing_status"] = session.ProcessingStatus }),
        };
    }

    public static async Task<Results<Accepted<ReprocessDto>, ProblemHttpResult>> ReprocessAsync(string id, ISessionStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return MalformedId(id);
        }

        return await store.EnqueueReprocessAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Accepted($"/api/sessions/{sessionId}", new ReprocessDto(sessionId, SessionStatus.Reprocessing, "Session queued for reprocessing"))
            : NotFound(sessionId);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ISessionStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return MalformedId(id);
        }

        try
        {
            return await store.DeleteSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
                ? TypedResults.NoContent()
                : NotFound(sessionId);
        }
        catch (SessionReferencedException e)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Session is referenced",
                detail: $"Session {sessionId} is still referenced by rows in {string.Join(", ", e.Tables)}. " +
                        "Delete or reassign those rows first; only this service's own data (technical data, job) is deleted with a session.",
                extensions: new Dictionary<string, object?> { ["referenced_by"] = e.Tables });
        }
    }

    private static ProblemHttpResult MalformedId(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Malformed session id", detail: $"'{id}' is not a UUID.");

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Session not found", detail: $"No session has id {id}.");
}
