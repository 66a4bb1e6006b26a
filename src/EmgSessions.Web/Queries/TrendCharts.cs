using System.Text.Json;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Scoring;

namespace EmgSessions.Web.Queries;

/// <summary>
/// The Patient page's trend charts, built from the patient's progress only (the same data as
/// <c>GET /api/patients/{code}/progress</c>): one point per completed session, as the trends are computed, in date order;
/// scores in %, then the analytics metrics per side with the patient's targets as lines.
/// </summary>
internal static class TrendCharts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The completed sessions the charts plot, oldest first.</summary>
    public static IReadOnlyList<PatientSession> Plotted(PatientProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return [.. progress.Sessions.Where(s => s.Status == SessionStatus.Completed)];
    }

    public static IReadOnlyList<TrendChart> Build(PatientProgress progress, PatientTargets? targets)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var sessions = Plotted(progress);
        TrendSeries Score(string name, string label, Func<ScoringResult, double?> value) =>
            new(name, label, [.. sessions.Select(s => s.Scores is { } r ? value(r) : null)], progress.Trends.GetValueOrDefault(name));
        TrendSeries Metric(string metric, string side, string? label = null)
        {
            var name = SessionMetrics.Name(metric, side);
            return new(name, label ?? Side(side), [.. sessions.Select(s => s.Metrics.GetValueOrDefault(name))], progress.Trends.GetValueOrDefault(name));
        }

        const string noScoreTarget = "Scores have no target.";
        return
        [
            new("overall", "Overall score", "%", [Score("overall_score", "Overall", r => r.OverallScore)], [], noScoreTarget),
            new("compliance", "Compliance per side", "%",
                [Score("left_muscle_compliance", "Left", r => r.LeftMuscleCompliance), Score("right_muscle_compliance", "Right", r => r.RightMuscleCompliance)], [], noScoreTarget),
            new("symmetry", "Symmetry", "%", [Score("symmetry_score", "Symmetry", r => r.SymmetryScore)], [], noScoreTarget),
            SideChart("contractions", "Contractions per side", "count", SessionMetrics.Contractions, targets, t => t.ContractionsCh1, t => t.ContractionsCh2, Metric),
            SideChart("mvc", "MVC threshold per side", "V", SessionMetrics.MvcThreshold, targets, t => t.MvcCh1, t => t.MvcCh2, Metric),
            SideChart("duration", "Average contraction duration per side", "ms", SessionMetrics.AverageDuration, targets, t => t.DurationCh1Ms, t => t.DurationCh2Ms, Metric),
            new("frequency", "Mean and median frequency (MPF, MDF) per side", "Hz",
                [Metric(SessionMetrics.Mpf, "left", "MPF left"), Metric(SessionMetrics.Mpf, "right", "MPF right"),
                 Metric(SessionMetrics.Mdf, "left", "MDF left"), Metric(SessionMetrics.Mdf, "right", "MDF right")], [], null),
            new("fatigue", "Fatigue index per side", "", [Metric(SessionMetrics.FatigueIndex, "left"), Metric(SessionMetrics.FatigueIndex, "right")], [], null),
        ];
    }

    /// <summary>What patient-trends.js draws: the session dates as x labels, the series and the target lines.</summary>
    public static string ToJson(TrendChart chart, IReadOnlyList<PatientSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(sessions);
        return JsonSerializer.Serialize(new
        {
            id = chart.Id,
            title = chart.Title,
            unit = chart.Unit,
            dates = sessions.Select(s => s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            series = chart.Series.Select(s => new { name = s.Name, label = s.Label, values = s.Values }),
            targets = chart.Targets.Select(t => new { label = t.Label, value = t.Value }),
        }, Json);
    }

    private static TrendChart SideChart(
        string id, string title, string unit, string metric, PatientTargets? targets,
        Func<PatientTargets, double?> left, Func<PatientTargets, double?> right, Func<string, string, string?, TrendSeries> series)
    {
        var lines = new List<TrendTarget>();
        if (targets is not null && left(targets) is { } l)
        {
            lines.Add(new TrendTarget("Target left", l));
        }

        if (targets is not null && right(targets) is { } r)
        {
            lines.Add(new TrendTarget("Target right", r));
        }

        var note = targets is null ? "No patient record holds this code, so no target is known."
            : lines.Count == 0 ? "No target is set for this patient."
            : lines.Count == 1 ? "A target is set for one side only."
            : null;
        return new TrendChart(id, title, unit, [series(metric, "left", null), series(metric, "right", null)], lines, note);
    }

    private static string Side(string side) => side == "left" ? "Left" : "Right";
}
