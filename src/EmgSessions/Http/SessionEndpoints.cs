using EmgSessions.Core.Access;
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
        var group = app.MapGroup("/api/sessions").WithTags("Sessions");
        group.MapGet("/", ListAsync).WithName("ListSessions").RequirePermission(Permissions.SessionsRead);
        group.MapGet("/{id}", GetAsync).WithName("GetSession").RequirePermission(Permissions.SessionsRead);
        group.MapGet("/{id}/analytics", GetAnalyticsAsync).WithName("GetSessionAnalytics").RequirePermission(Permissions.SessionsRead);
        group.MapPost("/{id}/reprocess", ReprocessAsync).WithName("ReprocessSession").RequirePermission(Permissions.SessionsReprocess);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteSession").RequirePermission(Permissions.SessionsDelete);
        return app;
    }

    public static async Task<Results<Ok<SessionListDto>, ValidationProblem>> ListAsync(
        ISessionStore store,
        [FromQuery] string? status,
        [FromQuery(Name = "patient_id")] string? patientId,
        [FromQuery(Name = "from")] string? fromText,
        [FromQuery(Name = "to")] string? toText,
        [FromQuery(Name = "limit")] string? limitText,
        [FromQuery(Name = "offset")] string? offsetText,
        CancellationToken cancellationToken)
    {
        // Parsed here rather than by the binder, so that every error names its parameter and the accepted form.
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (status is not null && !SessionStatus.All.Contains(status))
        {
            errors["status"] = [$"Unknown status '{Shown(status)}'; use one of {string.Join(", ", SessionStatus.All)}."];
        }

        var size = QueryInteger(limitText, "limit", 50, 1, MaxPageSize, errors);
        var skip = QueryInteger(offsetText, "offset", 0, 0, int.MaxValue, errors);
        var from = QueryDate(fromText, "from", errors);
        var to = QueryDate(toText, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["from must not be after to."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)), title: "Invalid query parameters");
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

    /// <summary>400 naming the <c>id</c> parameter and its form; the value is shown escaped (it may hold control characters).</summary>
    internal static ProblemHttpResult MalformedId(string id)
    {
        var message = $"id '{Shown(id)}' is not a session id: give a UUID such as 0193a0c2-7d4e-7b1a-9c3e-5f6a7b8c9d0e.";
        return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["id"] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Malformed session id",
            Detail = message,
        });
    }

    /// <summary>A caller's value as it may be shown back: control characters escaped, at most 80 characters.</summary>
    internal static string Shown(string value)
    {
        var visible = string.Concat(value.Select(c => char.IsControl(c) ? Uri.EscapeDataString(c.ToString()) : c.ToString()));
        return visible.Length <= 80 ? visible : visible[..80] + "…";
    }

    private static int QueryInteger(string? text, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [max == int.MaxValue
            ? $"{name} must be a whole number of {min} or more (got '{Shown(text)}')."
            : $"{name} must be a whole number between {min} and {max} (got '{Shown(text)}')."];
        return fallback;
    }

    private static DateTimeOffset? QueryDate(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors[name] = [$"{name} must be an ISO 8601 date or date-time such as 2023-03-21 or 2023-03-21T17:50:00Z (got '{Shown(text)}')."];
        return null;
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Session not found", detail: $"No session has id {id}.");
}
