using System.Globalization;
using System.Text;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Signals;

namespace EmgSessions.Http.Reports;

/// <summary>
/// The printable session report (<c>/reports/sessions/{id}</c>): patient, date, each channel's envelope with its
/// contractions (server-rendered SVG), the channel metrics, the scores when the session was scored, and the notes.
/// </summary>
internal static class SessionReportPage
{
    /// <param name="signals">Each analysed channel's envelope buckets, or null when the recording could not be read (said on the page).</param>
    public static string Render(
        CohortSession item, IReadOnlyList<ChannelMetrics> channels, IReadOnlyList<KeyValuePair<string, IReadOnlyList<SignalBucket>>>? signals, string? signalProblem, DateTimeOffset printedAt)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(channels);
        var session = item.Session;
        var page = new StringBuilder();
        var title = $"Session report {session.PatientId ?? "unassigned"} {Date(session.SessionDate)}";
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.Encode(title)).Append("</title><style>").Append(ReportStyles.Css).Append("</style></head><body>");
        page.Append("<h1>Therapy session report</h1>");
        page.Append("<p class=\"no-print\"><button type=\"button\" onclick=\"window.print()\">Print</button> ")
            .Append(CultureInfo.InvariantCulture, $"<a href=\"/reports/patients/{Uri.EscapeDataString(session.PatientId ?? "")}\">Patient progress</a></p>");
        page.Append("<dl class=\"facts\">");
        Fact(page, "Patient", session.PatientId ?? "unassigned");
        var name = string.Join(' ', new[] { item.FirstName, item.LastName }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (name.Length > 0)
        {
            Fact(page, "Name", name);
        }

        if (item.DateOfBirth is { } born)
        {
            Fact(page, "Date of birth", born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        Fact(page, "Session date", Date(session.SessionDate));
        Fact(page, "Session", session.SessionCode ?? session.Id.ToString("D"));
        Fact(page, "File", session.OriginalFilename ?? session.FilePath);
        if (GameLevel(item) is { } level)
        {
            Fact(page, "Game level", level);
        }

        Fact(page, "Status", session.ProcessingStatus);
        page.Append("</dl>");

        page.Append("<h2>Signals and contractions</h2>");
        if (signals is null)
        {
            page.Append("<p class=\"muted\">").Append(Html.Encode(signalProblem ?? "The signals are not available.")).Append("</p>");
        }
        else
        {
            page.Append("<p class=\"muted\">Envelope of each channel; shaded spans are detected contractions (green: good, amber: below a threshold); the dashed line is the MVC threshold.</p>");
            foreach (var signal in signals)
            {
                var metrics = channels.FirstOrDefault(c => c.Channel == signal.Key);
                page.Append("<figure class=\"chart\"><figcaption>").Append(Html.Encode(signal.Key))
                    .Append(metrics?.Side is { } side ? $" ({side})" : "").Append("</figcaption>")
                    .Append(SignalChartSvg.Render(signal.Key, signal.Value, metrics)).Append("</figure>");
            }
        }

        page.Append("<h2>Channel metrics</h2>");
        if (channels.Count == 0)
        {
            page.Append("<p class=\"muted\">No analysis is stored for this session yet.</p>");
        }
        else
        {
            page.Append("<table class=\"metrics\"><thead><tr><th>Channel</th><th>Side</th><th>Contractions (good / all)</th><th>RMS</th><th>MAV</th><th>MPF (Hz)</th><th>MDF (Hz)</th><th>Mean duration (ms)</th><th>MVC threshold</th></tr></thead><tbody>");
            foreach (var c in channels)
            {
                page.Append("<tr><td>").Append(Html.Encode(c.Channel)).Append("</td><td>").Append(Html.Encode(c.Side ?? "-")).Append("</td><td>")
                    .Append(CultureInfo.InvariantCulture, $"{c.GoodContractionCount?.ToString(CultureInfo.InvariantCulture) ?? "-"} / {c.ContractionCount?.ToString(CultureInfo.InvariantCulture) ?? "-"}")
                    .Append("</td><td>").Append(Number(c.Rms)).Append("</td><td>").Append(Number(c.Mav)).Append("</td><td>").Append(Number(c.Mpf, "0.0"))
                    .Append("</td><td>").Append(Number(c.Mdf, "0.0")).Append("</td><td>").Append(Number(c.AvgDurationMs, "0")).Append("</td><td>")
                    .Append(Number(c.MvcThresholdActualValue)).Append("</td></tr>");
            }

            page.Append("</tbody></table>");
        }

        page.Append("<h2>Scores</h2>");
        if (item.Scores is { } scores)
        {
            page.Append("<table class=\"scores\"><thead><tr><th>Profile</th><th>Overall</th><th>Compliance</th><th>Symmetry</th><th>Effort</th><th>Game</th></tr></thead><tbody><tr><td>")
                .Append(Html.Encode(scores.Profile.Length == 0 ? "-" : scores.Profile)).Append("</td><td>").Append(Number(scores.OverallScore, "0.0"))
                .Append("</td><td>").Append(Number(scores.ComplianceScore, "0.0")).Append("</td><td>").Append(Number(scores.SymmetryScore, "0.0"))
                .Append("</td><td>").Append(Number(scores.EffortScore, "0.0")).Append("</td><td>").Append(Number(scores.GameScore, "0.0")).Append("</td></tr></tbody></table>");
        }
        else
        {
            page.Append("<p class=\"muted\">Not scored.</p>");
        }

        page.Append("<h2>Notes</h2>");
        page.Append(string.IsNullOrWhiteSpace(item.Notes) ? "<p class=\"muted\">No notes.</p>" : $"<p class=\"notes\">{Html.Encode(item.Notes)}</p>");
        page.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Printed {printedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · EmgSessions {Html.Encode(SessionExporter.SoftwareVersion)}</p>");
        page.Append("</body></html>");
        return page.ToString();
    }

    internal static string Date(DateTimeOffset? date) =>
        date?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "unknown";

    internal static string Number(double? value, string format = "G4") =>
        value is { } v && double.IsFinite(v) ? Html.Encode(v.ToString(format, CultureInfo.InvariantCulture)) : "-";

    internal static string? GameLevel(CohortSession item)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(item.Session.GameMetadataJson);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("level", out var level) && level.ValueKind == System.Text.Json.JsonValueKind.String
                ? level.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static void Fact(StringBuilder page, string name, string value) =>
        page.Append("<dt>").Append(Html.Encode(name)).Append("</dt><dd>").Append(Html.Encode(value)).Append("</dd>");
}
