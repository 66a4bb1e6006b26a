using EmgSessions.Core.Access;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Signals;
using EmgSessions.Core.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http.Reports;

/// <summary>
/// The printable pages: <c>/reports/sessions/{id}</c> and <c>/reports/patients/{code}</c>, server-rendered HTML with a
/// print stylesheet, for those who may export the patient's data (<see cref="Permissions.ExportsPatients"/>: admins, the
/// patient's therapist). Each view is audited as an export. Self-contained (this folder) so the dashboard can host it.
/// </summary>
internal static class ReportEndpoints
{
    /// <summary>Envelope buckets per channel in a session report's chart (about one per horizontal printed point).</summary>
    public const int ChartBuckets = 600;

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/sessions/{id}", SessionAsync).WithName("SessionReport")
            .WithSummary("Printable session report (HTML).").RequirePermission(Permissions.ExportsPatients);
        reports.MapGet("/patients/{code}", PatientAsync).WithName("PatientReport")
            .WithSummary("Printable patient progress report (HTML).").RequirePermission(Permissions.ExportsPatients);
        return app;
    }

    public static async Task<IResult> SessionAsync(string id, HttpContext context, SessionExporter exporter, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        var (session, problem) = await ExportEndpoints.ExportableSessionAsync(id, context, Permissions.ExportsPatients, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return problem!;
        }

        // The patient's name, notes and scores come with the cohort read of this patient's sessions.
        var store = context.RequestServices.GetRequiredService<ISessionStore>();
        CohortSession item = new(session, null, null, null, null, null);
        await foreach (var candidate in store.StreamCohortAsync(new SessionQuery(PatientId: session.PatientId), cancellationToken).ConfigureAwait(false))
        {
            if (candidate.Session.Id == session.Id)
            {
                item = candidate;
                break;
            }
        }

        IReadOnlyList<ChannelMetrics> channels;
        try
        {
            channels = SessionExporter.Channels(session);
        }
        catch (ExportNotReadyException)
        {
            channels = [];
        }

        IReadOnlyList<KeyValuePair<string, IReadOnlyList<SignalBucket>>>? signals = null;
        string? signalProblem = null;
        try
        {
            var recording = await exporter.ReadRecordingAsync(session, cancellationToken).ConfigureAwait(false);
            var byLabel = SignalRows.Buckets(recording, SignalKind.Envelope, ChartBuckets)
                .GroupBy(b => b.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<SignalBucket>)[.. g], StringComparer.Ordinal);

            // An analysed channel B is the file's "B Raw" signal (or "B"), as the analysis picks it (system.md §4.2).
            signals = [.. channels
                .Select(c => byLabel.TryGetValue(c.Channel + " Raw", out var raw) ? new KeyValuePair<string, IReadOnlyList<SignalBucket>>(c.Channel, raw)
                    : byLabel.TryGetValue(c.Channel, out var plain) ? new KeyValuePair<string, IReadOnlyList<SignalBucket>>(c.Channel, plain)
                    : default)
                .Where(p => p.Key is not null)];
        }
        catch (ExportNotReadyException e)
        {
            signalProblem = e.Message;
        }

        await ExportEndpoints.AuditAsync(context, "session", session.Id.ToString("D"), "session report", new() { ["format"] = "html" }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Content(SessionReportPage.Render(item, channels, signals, signalProblem, clock.GetUtcNow()), "text/html; charset=utf-8");
    }

    public static async Task<IResult> PatientAsync(string code, HttpContext context, ISessionStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, Permissions.ExportsPatients) == AccessDecision.Forbidden)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: $"The {actor.RoleName} role may not print patient reports; ask an admin for access.");
        }

        var sessions = new List<CohortSession>();
        await foreach (var item in store.StreamCohortAsync(new SessionQuery(PatientId: code), cancellationToken).ConfigureAwait(false))
        {
            var owner = Guid.TryParse(item.Session.TherapistId, out var therapist) ? therapist : (Guid?)null;
            if (AccessRules.DecideFor(actor, Permissions.ExportsPatients, owner) != AccessDecision.NotFound)
            {
                sessions.Add(item);
            }
        }

        if (sessions.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Patient not found",
                detail: $"No session of patient '{SessionEndpoints.Shown(code)}' is stored; check the patient code (for example P005).");
        }

        await ExportEndpoints.AuditAsync(context, "patient", code, "patient report", new() { ["format"] = "html", ["sessions"] = sessions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Content(PatientReportPage.Render(code, sessions, clock.GetUtcNow()), "text/html; charset=utf-8");
    }
}
