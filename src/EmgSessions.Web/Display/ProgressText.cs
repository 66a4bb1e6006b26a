using System.Globalization;
using EmgSessions.Core.Application.Patients;
using EmgSessions.Scoring;

namespace EmgSessions.Web.Display;

/// <summary>How the dashboard words progress (scoring.md §5): trend labels, adherence categories, alert kinds, dates.</summary>
internal static class ProgressText
{
    public static string Trend(TrendDirection direction) => direction switch
    {
        TrendDirection.Improving => "improving",
        TrendDirection.Declining => "declining",
        TrendDirection.Steady => "steady",
        _ => "insufficient data",
    };

    /// <summary>A trend with its numbers, e.g. "steady: the last three average 52.1 %, the three before 50.4 % (+3.4 %)".</summary>
    public static string TrendDetail(TrendResult trend, Func<double?, string> value)
    {
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(value);
        if (trend.Direction == TrendDirection.InsufficientData)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{Trend(trend.Direction)}: {trend.Count} sessions, a trend needs six");
        }

        var change = trend.RelativeChange is { } c ? string.Create(CultureInfo.InvariantCulture, $" ({c * 100:+0.#;-0.#;0} %)") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Trend(trend.Direction)}: the last three average {value(trend.RecentMean)}, the three before {value(trend.PreviousMean)}{change}");
    }

    public static string Category(AdherenceCategory? category) => category?.ToString() ?? Units.Missing;

    public static string Alert(AlertKind kind) => kind switch
    {
        AlertKind.LowAdherence => "Low adherence",
        AlertKind.NoRecentSession => "No recent session",
        AlertKind.DecliningOverallTrend => "Declining overall score",
        AlertKind.HighRpe => "High RPE",
        AlertKind.BfrOutOfWindow => "BFR pressure outside its window",
        AlertKind.FailedSession => "Failed session",
        AlertKind.StuckSession => "Stuck session",
        _ => kind.ToString(),
    };

    public static string Day(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Units.Missing;

    public static string StartSource(TreatmentStartSource source) => source switch
    {
        TreatmentStartSource.PatientRecord => "from the patient record",
        TreatmentStartSource.FirstSession => "none recorded: the first session's date stands in",
        TreatmentStartSource.Given => "as asked",
        _ => "none recorded",
    };

    /// <summary>A score or percentage with one decimal, e.g. "72.4 %".</summary>
    public static string Percent(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.#", CultureInfo.InvariantCulture) + " %" : Units.Missing;

    public static string Status(SessionStatus status) => status.ToString().ToLowerInvariant();
}
