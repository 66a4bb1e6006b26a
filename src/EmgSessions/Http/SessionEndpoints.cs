using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Sessions;
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

    public static async Task<Results<Ok<SessionList>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext context,
        SessionQueries sessions,
        [FromQuery] string? status,
        [FromQuery(Name = "patient_id")] string? patientId,
        [FromQuery(Name = "from")] string? fromText,
        [FromQuery(Name = "to")] string? toText,
        [FromQuery(Name = "limit")] string? limitText,
        [FromQuery(Name = "offset")] string? offsetText,
        [FromQuery(Name = "therapist_id")] string? therapistText,
        [FromQuery(Name = "q")] string? text,
        [FromQuery(Name = "sort")] string? sortText,
        [FromQuery(Name = "order")] string? orderText,
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

        Guid? therapistId = null;
        if (!string.IsNullOrEmpty(therapistText))
        {
            if (Guid.TryParse(therapistText, out var parsed))
            {
                therapistId = parsed;
            }
            else
            {
                errors["therapist_id"] = [$"therapist_id must be a therapist's id (a UUID; GET /api/therapists lists them), got '{Shown(therapistText)}'."];
            }
        }

        if (!SessionListOrder.TryParse(sortText, orderText, out var sort, out var ascending, out var orderError))
        {
            errors[orderError.Parameter] = [orderError.Message];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)), title: "Invalid query parameters");
        }

        var query = new SessionQuery(status, patientId, from, to, size, skip, therapistId, Text: string.IsNullOrWhiteSpace(text) ? null : text, Sort: sort, Ascending: ascending);
        var answer = await sessions.ListAsync(HttpActor.Of(context), query, cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? TypedResults.Ok(answer.Value) : AnswerProblems.Problem(answer);
    }

    public static async Task<Results<Ok<SessionDetails>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, SessionQueries sessions, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return MalformedId(id);
        }

        var answer = await sessions.GetAsync(HttpActor.Of(context), sessionId, cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? TypedResults.Ok(answer.Value) : AnswerProblems.Problem(answer);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAnalyticsAsync(
        string id, HttpContext context, SessionQueries sessions, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return MalformedId(id);
        }

        var answer = await sessions.GetAnalyticsAsync(HttpActor.Of(context), sessionId, cancellationToken).ConfigureAwait(false);
        if (!answer.IsOk)
        {
            return AnswerProblems.Problem(answer, answer.Value is { } state
                ? new Dictionary<string, object?> { ["processing_status"] = state.ProcessingStatus }
                : null);
        }

        if (answer.Value!.Marked is { } stored)
        {
            // Stale, another version's or the predecessor's: readable as it is, marked, until it is recomputed.
            context.Response.Headers[AnalyticsProvenance.OriginHeader] = stored.Origin;
            context.Response.Headers[AnalyticsProvenance.VersionHeader] = stored.Version;
            context.Response.Headers[AnalyticsProvenance.StaleHeader] = "true";
        }

        return TypedResults.Text(answer.Value.Json, "application/json");
    }

    public static async Task<Results<Accepted<ReprocessAccepted>, ProblemHttpResult>> ReprocessAsync(
        string id, HttpContext context, SessionCommands commands, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return MalformedId(id);
        }

        var answer = await commands.ReprocessAsync(HttpActor.Of(context), sessionId, cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? TypedResults.Accepted($"/api/sessions/{sessionId}", answer.Value) : AnswerProblems.Problem(answer);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext context, SessionCommands commands, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return MalformedId(id);
        }

        var answer = await commands.DeleteAsync(HttpActor.Of(context), sessionId, cancellationToken).ConfigureAwait(false);
        return answer.IsOk
            ? TypedResults.NoContent()
            : AnswerProblems.Problem(answer, answer.Value is { } state ? new Dictionary<string, object?> { ["referenced_by"] = state.ReferencedBy } : null);
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
}
