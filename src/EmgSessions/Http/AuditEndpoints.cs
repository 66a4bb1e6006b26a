using System.Globalization;
using System.Text;
using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary>
/// <c>/api/audit</c> for admins: the trail, filtered and paged, and all of it (filtered) as CSV. Read-only: no route
/// changes or deletes an event. The export is itself an audited event.
/// </summary>
internal static class AuditEndpoints
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit");
        group.MapGet("/", ListAsync).WithName("ListAuditEvents").RequirePermission(Permissions.AuditRead);
        group.MapGet("/export.csv", ExportAsync).WithName("ExportAuditEvents").RequirePermission(Permissions.AuditRead);
        return app;
    }

    public static async Task<Results<Ok<AuditPageDto>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext context, IAuditStore audit,
        [FromQuery(Name = "from")] string? from, [FromQuery(Name = "to")] string? to, [FromQuery(Name = "actor")] string? actor,
        [FromQuery(Name = "action")] string? action, [FromQuery(Name = "subject_type")] string? subjectType,
        [FromQuery(Name = "subject_id")] string? subjectId, [FromQuery(Name = "limit")] string? limit, [FromQuery(Name = "offset")] string? offset,
        CancellationToken cancellationToken)
    {
        var caller = HttpActor.Of(context);
        if (AccessRules.Decide(caller, Permissions.AuditRead) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(caller, Permissions.AuditRead);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = new AuditQuery(
            Time(from, "from", errors), Time(to, "to", errors), Blank(actor), Blank(action), Blank(subjectType), Blank(subjectId),
            Integer(limit, "limit", 50, 1, MaxPageSize, errors), Integer(offset, "offset", 0, 0, int.MaxValue, errors));
        if (errors.Count > 0)
        {
            return AccessProblems.Invalid(errors);
        }

        var page = await audit.ListAuditAsync(query, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AuditPageDto([.. page.Items.Select(AuditEventDto.From)], page.Total, query.Limit, query.Offset));
    }

    public static async Task<IResult> ExportAsync(
        HttpContext context, IAuditStore audit, TimeProvider clock,
        [FromQuery(Name = "from")] string? from, [FromQuery(Name = "to")] string? to, [FromQuery(Name = "actor")] string? actor,
        [FromQuery(Name = "action")] string? action, [FromQuery(Name = "subject_type")] string? subjectType,
        [FromQuery(Name = "subject_id")] string? subjectId, CancellationToken cancellationToken)
    {
        var caller = HttpActor.Of(context);
        if (AccessRules.Decide(caller, Permissions.AuditRead) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(caller, Permissions.AuditRead);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = new AuditQuery(
            Time(from, "from", errors), Time(to, "to", errors), Blank(actor), Blank(action), Blank(subjectType), Blank(subjectId), AuditQuery.MaxLimit, 0);
        if (errors.Count > 0)
        {
            return AccessProblems.Invalid(errors);
        }

        // The export is recorded first, so that it appears in what it exports.
        await audit.AppendAsync(AuditEvent.By(caller, AuditActions.Export, clock, "audit", "export.csv", AccessProblems.Ip(context)), cancellationToken).ConfigureAwait(false);
        var first = await audit.ListAuditAsync(query, cancellationToken).ConfigureAwait(false);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"audit-events.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync(AuditCsv.Header + "\n").ConfigureAwait(false);
        var page = first;
        var offset = 0;
        while (true)
        {
            foreach (var e in page.Items)
            {
                await writer.WriteAsync(AuditCsv.Line(e) + "\n").ConfigureAwait(false);
            }

            offset += page.Items.Count;
            if (page.Items.Count < query.Limit || offset >= first.Total)
            {
                break;
            }

            page = await audit.ListAuditAsync(query with { Offset = offset }, cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Results.Empty;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTimeOffset? Time(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors[name] = [$"{name} must be an ISO 8601 date or time, such as 2026-12-04 or 2026-12-04T09:00:00Z."];
        return null;
    }

    private static int Integer(string? text, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"{name} must be a whole number from {min} to {max}."];
        return fallback;
    }
}
