using System.Globalization;
using System.Text;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Cohort;

namespace EmgSessions.Http.Reports;

/// <summary>
/// The printable patient progress report (<c>/reports/patients/{code}</c>): every session of the patient in date order
/// with its contractions, mean RMS and scores, and the share of good contractions per session as a server-rendered chart.
/// </summary>
internal static class PatientReportPage
{
    private const int Width = 1000;
    private const int Height = 220;

    public static string Render(string patientCode, IReadOnlyList<CohortSession> sessions, DateTimeOffset printedAt)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var rows = sessions.Select(s => (Item: s, Channels: Channels(s))).ToList();
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.Encode($"Patient progress {patientCode}")).Append("</title><style>").Append(ReportStyles.Css).Append("</style></head><body>");
        page.Append("<h1>Patient progress report</h1>");
        page.Append("<p class=\"no-print\"><button type=\"button\" onclick=\"window.print()\">Print</button></p>");
        page.Append("<dl class=\"facts\"><dt>Patient</dt><dd>").Append(Html.Encode(patientCode)).Append("</dd>");
        var first = sessions.FirstOrDefault(s => s.FirstName is not null || s.LastName is not null);
        if (first is not null)
        {
            page.Append("<dt>Name</dt><dd>").Append(Html.Encode(string.Join(' ', new[] { first.FirstName, first.LastName }.Where(p => !string.IsNullOrWhiteSpace(p))))).Append("</dd>");
        }

        page.Append("<dt>Sessions</dt><dd>").Append(sessions.Count.ToString(CultureInfo.InvariantCulture)).Append("</dd>");
        if (sessions.Count > 0)
        {
            page.Append("<dt>Period</dt><dd>").Append(Html.Encode($"{SessionReportPage.Date(sessions[0].Session.SessionDate)} to {SessionReportPage.Date(sessions[^1].Session.SessionDate)}")).Append("</dd>");
        }

        page.Append("</dl>");
        page.Append("<h2>Good contractions per session</h2>");
        page.Append(Chart(rows.Select(r => Share(r.Channels)).ToList()));
        page.Append("<h2>Sessions</h2><table class=\"sessions\"><thead><tr><th>Date</th><th>Game level</th><th>Contractions (good / all)</th><th>Mean RMS</th><th>Overall score</th><th>Compliance</th><th>Report</th></tr></thead><tbody>");
        foreach (var (item, channels) in rows)
        {
            var good = channels.Sum(c => c.GoodContractionCount ?? 0);
            var all = channels.Sum(c => c.ContractionCount ?? 0);
            var rms = channels.Where(c => c.Rms is not null).Select(c => c.Rms!.Value).DefaultIfEmpty(double.NaN).Average();
            page.Append("<tr><td>").Append(Html.Encode(SessionReportPage.Date(item.Session.SessionDate))).Append("</td><td>")
                .Append(Html.Encode(SessionReportPage.GameLevel(item) ?? "-")).Append("</td><td>")
                .Append(channels.Count == 0 ? "not analysed" : string.Create(CultureInfo.InvariantCulture, $"{good} / {all}")).Append("</td><td>")
                .Append(SessionReportPage.Number(double.IsNaN(rms) ? null : rms)).Append("</td><td>")
                .Append(SessionReportPage.Number(item.Scores?.OverallScore, "0.0")).Append("</td><td>")
                .Append(SessionReportPage.Number(item.Scores?.ComplianceScore, "0.0")).Append("</td><td>")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"/reports/sessions/{item.Session.Id:D}\">session</a></td></tr>");
        }

        page.Append("</tbody></table>");
        page.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Printed {printedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · EmgSessions {Html.Encode(SessionExporter.SoftwareVersion)}</p>");
        page.Append("</body></html>");
        return page.ToString();
    }

    private static IReadOnlyList<ChannelMetrics> Channels(CohortSession item)
    {
        try
        {
            return Core.Exports.Json.AnalyticsJsonReader.ReadChannels(item.Session.AnalyticsCacheJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static double? Share(IReadOnlyList<ChannelMetrics> channels)
    {
        var all = channels.Sum(c => c.ContractionCount ?? 0);
        return all == 0 ? null : 100.0 * channels.Sum(c => c.GoodContractionCount ?? 0) / all;
    }

    /// <summary>Good contractions in % of all, one point per session (sessions not analysed leave a gap).</summary>
    private static string Chart(IReadOnlyList<double?> shares)
    {
        const int left = 50, right = 20, top = 10, bottom = 30;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"progress\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"none\"><title>Good contractions per session, in percent</title>");
        double X(int i) => shares.Count <= 1 ? left + ((Width - left - right) / 2.0) : left + (i * (Width - left - right) / (double)(shares.Count - 1));
        double Y(double percent) => top + ((1 - (percent / 100)) * (Height - top - bottom));
        foreach (var p in new[] { 0, 50, 100 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis-line\" x1=\"{left}\" x2=\"{Width - right}\" y1=\"{Y(p):0.##}\" y2=\"{Y(p):0.##}\"/><text class=\"axis\" x=\"4\" y=\"{Y(p) + 4:0.##}\">{p} %</text>");
        }

        var points = shares.Select((s, i) => (s, i)).Where(p => p.s is not null).Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.i):0.##},{Y(p.s!.Value):0.##}")).ToList();
        if (points.Count > 0)
        {
            svg.Append("<polyline class=\"trend\" points=\"").Append(string.Join(' ', points)).Append("\"/>");
            foreach (var point in points)
            {
                var xy = point.Split(',');
                svg.Append("<circle cx=\"").Append(xy[0]).Append("\" cy=\"").Append(xy[1]).Append("\" r=\"4\" fill=\"#1f5fa8\"/>");
            }
        }
        else
        {
            svg.Append("<text class=\"axis\" x=\"60\" y=\"100\">No analysed session</text>");
        }

        for (var i = 0; i < shares.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{X(i) - 4:0.##}\" y=\"{Height - 10}\">{i + 1}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
