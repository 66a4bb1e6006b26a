using System.Globalization;
using System.Text;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Signals;

namespace EmgSessions.Http.Reports;

/// <summary>
/// One channel's envelope as a server-rendered SVG (min/max buckets, so peaks survive), its contractions as shaded
/// spans (green: good, amber: not) and its MVC threshold as a dashed line. Scales with the page (viewBox, width 100%),
/// so a printed page never cuts it off.
/// </summary>
internal static class SignalChartSvg
{
    public const int Width = 1000;
    public const int Height = 180;
    private const int Left = 60;
    private const int Right = 10;
    private const int Top = 10;
    private const int Bottom = 30;

    public static string Render(string channel, IReadOnlyList<SignalBucket> buckets, ChannelMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"signal\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"none\" data-channel=\"{Html.Encode(channel)}\">");
        svg.Append("<title>").Append(Html.Encode($"{channel}: envelope with contractions")).Append("</title>");
        if (buckets.Count == 0)
        {
            svg.Append("<text x=\"10\" y=\"40\">No signal</text></svg>");
            return svg.ToString();
        }

        var duration = Math.Max(buckets[^1].EndTimeMs, 1);
        var top = Math.Max(buckets.Max(b => b.Max), metrics?.MvcThresholdActualValue ?? 0);
        top = top > 0 && double.IsFinite(top) ? top * 1.05 : 1;
        double X(double ms) => Left + (ms / duration * (Width - Left - Right));
        double Y(double v) => Top + ((1 - Math.Clamp(v / top, 0, 1)) * (Height - Top - Bottom));

        foreach (var c in metrics?.Contractions ?? [])
        {
            if (c.StartTimeMs is { } start && c.EndTimeMs is { } end)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"contraction {(c.IsGood ? "good" : "weak")}\" x=\"{X(start):0.##}\" y=\"{Top}\" width=\"{Math.Max(X(end) - X(start), 1):0.##}\" height=\"{Height - Top - Bottom}\"><title>contraction {c.Index}: {start:0} to {end:0} ms{(c.IsGood ? ", good" : "")}</title></rect>");
            }
        }

        var line = new StringBuilder();
        foreach (var b in buckets)
        {
            line.Append(CultureInfo.InvariantCulture, $"{X(b.StartTimeMs):0.##},{Y(b.Max):0.##} {X(b.EndTimeMs):0.##},{Y(b.Min):0.##} ");
        }

        svg.Append("<polyline class=\"envelope\" points=\"").Append(line.ToString().TrimEnd()).Append("\"/>");
        if (metrics?.MvcThresholdActualValue is { } mvc && double.IsFinite(mvc))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"mvc\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(mvc):0.##}\" y2=\"{Y(mvc):0.##}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left + 4}\" y=\"{Y(mvc) - 3:0.##}\">MVC threshold {mvc:G4}</text>");
        }

        // Time axis: a tick every 10 s (every 60 s for long recordings).
        var step = duration > 300_000 ? 60_000 : 10_000;
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis-line\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/>");
        for (var t = 0.0; t <= duration; t += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{X(t):0.##}\" y=\"{Height - 10}\">{t / 1000:0} s</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"4\" y=\"{Top + 10}\">{top:G3}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
