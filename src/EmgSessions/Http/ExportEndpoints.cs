using System.Globalization;
using EmgSessions.Core.Access;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Parquet;
using EmgSessions.Core.Exports.Signals;
using EmgSessions.Core.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary>
/// Exports (issue 15): one session's files under <c>/api/sessions/{id}/export/…</c> (<see cref="Permissions.ExportsPatients"/>)
/// and the cohort under <c>/api/export/sessions.csv|parquet</c> (<see cref="Permissions.ExportsCohort"/>, pseudonymised for
/// researchers). Every file is named by <c>Content-Disposition</c>, streamed as it is made, and audited before it starts.
/// </summary>
internal static class ExportEndpoints
{
    /// <summary>The largest <c>decimate</c> (min/max buckets per channel) a signals export accepts.</summary>
    public const int MaxBucketsPerChannel = 1_000_000;

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/sessions/{id}/export").WithTags("Exports");
        session.MapGet("/contractions.csv", ContractionsAsync).WithName("ExportSessionContractions")
            .WithSummary("One row per contraction (docs/data-dictionary.md: contractions).").RequirePermission(Permissions.ExportsPatients);
        session.MapGet("/metrics.csv", MetricsAsync).WithName("ExportSessionMetrics")
            .WithSummary("One row per channel (docs/data-dictionary.md: metrics).").RequirePermission(Permissions.ExportsPatients);
        session.MapGet("/result.json", ResultAsync).WithName("ExportSessionResult")
            .WithSummary("The stored result with provenance: file hash, analysis profile and version, options, software version, export time.")
            .RequirePermission(Permissions.ExportsPatients);
        session.MapGet("/signals.csv", (string id, HttpContext context, [FromQuery] string? kind, [FromQuery] string? decimate, CancellationToken ct) =>
                SignalsAsync(id, context, kind, decimate, parquet: false, ct))
            .WithName("ExportSessionSignalsCsv").WithSummary("Signals, ?kind=raw|envelope (default raw), &decimate=N min/max buckets per channel.")
            .RequirePermission(Permissions.ExportsPatients);
        session.MapGet("/signals.parquet", (string id, HttpContext context, [FromQuery] string? kind, [FromQuery] string? decimate, CancellationToken ct) =>
                SignalsAsync(id, context, kind, decimate, parquet: true, ct))
            .WithName("ExportSessionSignalsParquet").WithSummary("Signals as Parquet, same parameters as signals.csv.")
            .RequirePermission(Permissions.ExportsPatients);
        session.MapGet("/recording.c3d", RecordingAsync).WithName("ExportSessionRecording")
            .WithSummary("The original C3D file, streamed from object storage.").RequirePermission(Permissions.ExportsPatients);

        var cohort = app.MapGroup("/api/export").WithTags("Exports");
        cohort.MapGet("/sessions.csv", (HttpContext context, CancellationToken ct) => CohortAsync(context, parquet: false, ct))
            .WithName("ExportCohortCsv").WithSummary("One row per session × channel, the sessions list's filters (status, patient_id, from, to).")
            .RequirePermission(Permissions.ExportsCohort);
        cohort.MapGet("/sessions.parquet", (HttpContext context, CancellationToken ct) => CohortAsync(context, parquet: true, ct))
            .WithName("ExportCohortParquet").WithSummary("The cohort table as Parquet.").RequirePermission(Permissions.ExportsCohort);
        return app;
    }

    public static async Task<IResult> ContractionsAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var (session, problem) = await ExportableSessionAsync(id, context, Permissions.ExportsPatients, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return problem!;
        }

        return await AnalysedFileAsync(context, session, "contractions", "csv",
            (output, ct) => SessionExporter.WriteContractionsCsvAsync(session, output, ct), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IResult> MetricsAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var (session, problem) = await ExportableSessionAsync(id, context, Permissions.ExportsPatients, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return problem!;
        }

        return await AnalysedFileAsync(context, session, "metrics", "csv",
            (output, ct) => SessionExporter.WriteMetricsCsvAsync(session, output, ct), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IResult> ResultAsync(string id, HttpContext context, SessionExporter exporter, CancellationToken cancellationToken)
    {
        var (session, problem) = await ExportableSessionAsync(id, context, Permissions.ExportsPatients, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return problem!;
        }

        return await AnalysedFileAsync(context, session, "result", "json",
            async (output, ct) => await exporter.WriteResultJsonAsync(session, output, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IResult> SignalsAsync(string id, HttpContext context, string? kindText, string? decimateText, bool parquet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        SignalKind? kind = kindText switch
        {
            null or "" or "raw" => SignalKind.Raw,
            "envelope" => SignalKind.Envelope,
            _ => null,
        };
        if (kind is null)
        {
            errors["kind"] = [$"kind must be raw or envelope (got '{SessionEndpoints.Shown(kindText!)}')."];
        }

        int? buckets = null;
        if (!string.IsNullOrEmpty(decimateText))
        {
            if (int.TryParse(decimateText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxBucketsPerChannel)
            {
                buckets = n;
            }
            else
            {
                errors["decimate"] = [$"decimate must be a whole number of min/max buckets per channel between 1 and {MaxBucketsPerChannel} (got '{SessionEndpoints.Shown(decimateText)}'); leave it out for every sample."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)), title: "Invalid query parameters");
        }

        var (session, problem) = await ExportableSessionAsync(id, context, Permissions.ExportsPatients, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return problem!;
        }

        var exporter = context.RequestServices.GetRequiredService<SessionExporter>();
        EmgSessions.Analysis.EmgRecording recording;
        try
        {
            recording = await exporter.ReadRecordingAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (ExportNotReadyException e)
        {
            return NotReady(e);
        }

        var extension = parquet ? "parquet" : "csv";
        var name = SessionExporter.FileName(session, buckets is null ? $"signals-{Kind(kind!.Value)}" : $"signals-{Kind(kind!.Value)}-decimated-{buckets}", extension);
        await AuditAsync(context, "session", session.Id.ToString("D"), name, new() { ["kind"] = Kind(kind.Value), ["decimate"] = buckets?.ToString(CultureInfo.InvariantCulture) ?? "none" }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(
            async body =>
            {
                if (parquet)
                {
                    await using var counted = new WriteCountingStream(body);
                    await SessionExporter.WriteSignalsAsync(recording, kind.Value, buckets, true, counted, context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    await SessionExporter.WriteSignalsAsync(recording, kind.Value, buckets, false, body, context.RequestAborted).ConfigureAwait(false);
                }
            },
            ExportFileNames.ContentType(extension), name);
    }

    public static async Task<IResult> RecordingAsync(string id, HttpContext context, SessionExporter exporter, CancellationToken cancellationToken)
    {
        var (session, problem) = await ExportableSessionAsync(id, context, Permissions.ExportsPatients, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return problem!;
        }

        Stream source;
        try
        {
            source = await exporter.OpenRecordingAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (ExportNotReadyException e)
        {
            return NotReady(e);
        }

        var name = ExportFileNames.Recording(session.PatientId, session.SessionDate);
        await AuditAsync(context, "session", session.Id.ToString("D"), name, [], cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(source, ExportFileNames.ContentType("c3d"), name);
    }

    public static async Task<IResult> CohortAsync(HttpContext context, bool parquet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = HttpActor.Of(context);
        var decision = AccessRules.Decide(actor, Permissions.ExportsCohort);
        if (decision is AccessDecision.Forbidden or AccessDecision.NotFound)
        {
            return Forbidden(actor, Permissions.ExportsCohort);
        }

        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var status = query["status"].FirstOrDefault();
        if (status is not null && !SessionStatus.All.Contains(status))
        {
            errors["status"] = [$"Unknown status '{SessionEndpoints.Shown(status)}'; use one of {string.Join(", ", SessionStatus.All)}."];
        }

        var from = QueryDate(query["from"].FirstOrDefault(), "from", errors);
        var to = QueryDate(query["to"].FirstOrDefault(), "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["from must not be after to."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)), title: "Invalid query parameters");
        }

        var patient = query["patient_id"].FirstOrDefault();
        var pseudonymise = decision == AccessDecision.Pseudonymised;
        var filter = new SessionQuery(status, string.IsNullOrEmpty(patient) ? null : patient, from, to);
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var extension = parquet ? "parquet" : "csv";
        var name = ExportFileNames.Cohort(clock.GetUtcNow(), pseudonymise, extension);
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["pseudonymised"] = pseudonymise ? "true" : "false" };
        foreach (var (key, value) in new[] { ("status", status), ("patient_id", patient), ("from", from?.ToString("O", CultureInfo.InvariantCulture)), ("to", to?.ToString("O", CultureInfo.InvariantCulture)) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                details[key] = value;
            }
        }

        await AuditAsync(context, "export", "sessions." + extension, name, details, cancellationToken).ConfigureAwait(false);
        var source = new StoreCohortRowSource(context.RequestServices.GetRequiredService<ISessionStore>(), filter, pseudonymise);
        var table = CohortTables.For(pseudonymise);
        return TypedResults.Stream(
            async body =>
            {
                if (parquet)
                {
                    await using var counted = new WriteCountingStream(body);
                    await ExportParquetWriter.WriteAsync(table, source.ReadRowsAsync(context.RequestAborted), counted, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    await ExportCsvWriter.WriteAsync(table, source.ReadRowsAsync(context.RequestAborted), body, context.RequestAborted).ConfigureAwait(false);
                }
            },
            ExportFileNames.ContentType(extension), name);
    }

    /// <summary>
    /// The session of a per-session export or report, or the problem to answer: 400 for a malformed id, 403 for a role
    /// that may not, 404 for a missing session and for a therapist's request for a session not theirs (no existence leak).
    /// The owner is the therapist of the patient the session's code names (<see cref="IPatientDirectory"/>, as for every
    /// other read of a session); an unassigned session has none.
    /// </summary>
    internal static async Task<(SessionRecord? Session, IResult? Problem)> ExportableSessionAsync(
        string id, HttpContext context, string permission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Guid.TryParse(id, out var sessionId))
        {
            return (null, SessionEndpoints.MalformedId(id));
        }

        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, permission) == AccessDecision.Forbidden)
        {
            return (null, Forbidden(actor, permission));
        }

        var store = context.RequestServices.GetRequiredService<ISessionStore>();
        var session = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var owner = session?.PatientId is { } code
            ? (await context.RequestServices.GetRequiredService<IPatientDirectory>().FindAsync(code, cancellationToken).ConfigureAwait(false))?.TherapistId
            : null;
        if (session is null || AccessRules.DecideFor(actor, permission, owner) == AccessDecision.NotFound)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Session not found", detail: $"No session has id {sessionId}."));
        }

        return (session, null);
    }

    /// <summary>Appends the <c>export</c> audit event of this request (access.md §4).</summary>
    internal static async Task AuditAsync(
        HttpContext context, string subjectType, string subjectId, string file, Dictionary<string, string> details, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        details["file"] = file;
        details["path"] = context.Request.Path.Value ?? "";
        var auditEvent = AuditEvent.By(
            HttpActor.Of(context), AuditActions.Export, services.GetRequiredService<TimeProvider>(), subjectType, subjectId,
            context.Connection.RemoteIpAddress?.ToString(), details);
        await services.GetRequiredService<IAuditSink>().AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> AnalysedFileAsync(
        HttpContext context, SessionRecord session, string kind, string extension, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            SessionExporter.Channels(session);
        }
        catch (ExportNotReadyException e)
        {
            return NotReady(e);
        }

        var name = SessionExporter.FileName(session, kind, extension);
        await AuditAsync(context, "session", session.Id.ToString("D"), name, [], cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(body => write(body, context.RequestAborted), ExportFileNames.ContentType(extension), name);
    }

    private static string Kind(SignalKind kind) => kind == SignalKind.Raw ? "raw" : "envelope";

    private static IResult NotReady(ExportNotReadyException e) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Export not available", detail: e.Message);

    private static IResult Forbidden(Actor actor, string permission) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not allowed",
            detail: $"The {actor.RoleName} role may not use {permission}; ask an admin for access.");

    private static DateTimeOffset? QueryDate(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors[name] = [$"{name} must be an ISO 8601 date or date-time such as 2023-03-21 or 2023-03-21T17:50:00Z (got '{SessionEndpoints.Shown(text)}')."];
        return null;
    }
}
