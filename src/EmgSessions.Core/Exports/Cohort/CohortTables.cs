using System.Globalization;

namespace EmgSessions.Core.Exports.Cohort;

/// <summary>
/// The cohort table, one row per session × channel, in two forms: <see cref="Full"/> for admins and therapists and
/// <see cref="Pseudonymised"/> for researchers (access.md §1: the patient code, age in whole years, no name, no date
/// of birth, no note text).
/// </summary>
public static class CohortTables
{
    /// <summary>With the patient's name, date of birth and the session notes.</summary>
    public static ExportTable<CohortRow> Full { get; } = new(
        "cohort",
        "Cohort export for admins and therapists: one row per session × channel, with identifying fields.",
        [
            .. Leading(),
            new("patient_name", ExportValueKind.Text, "", "Patient's name (identifying).", r => r.PatientName),
            new("date_of_birth", ExportValueKind.Text, "ISO 8601 date (yyyy-MM-dd)", "Patient's date of birth (identifying).",
                r => r.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            .. Trailing(),
            new("notes", ExportValueKind.Text, "", "The session's note text (may identify).", r => r.Notes),
        ]);

    /// <summary>For researchers: no name, no date of birth, no note text.</summary>
    public static ExportTable<CohortRow> Pseudonymised { get; } = new(
        "cohort_pseudonymised",
        "Cohort export for researchers: one row per session × channel, pseudonymised (access.md §1).",
        [.. Leading(), .. Trailing()]);

    /// <summary>The table for a caller: <see cref="Pseudonymised"/> when <paramref name="pseudonymise"/>.</summary>
    public static ExportTable<CohortRow> For(bool pseudonymise) => pseudonymise ? Pseudonymised : Full;

    private static IEnumerable<ExportColumn<CohortRow>> Leading() =>
    [
        new("session_id", ExportValueKind.Text, "UUID", "The therapy session's id.", r => r.SessionId.ToString("D")),
        new("patient_code", ExportValueKind.Text, "", "Pseudonymous patient code (e.g. P005).", r => r.PatientCode),
    ];

    private static IEnumerable<ExportColumn<CohortRow>> Trailing() =>
    [
        new("age_years", ExportValueKind.Integer, "years", "Age in whole years on the session date.", r => r.AgeYears),
        new("session_date", ExportValueKind.Text, "ISO 8601 UTC timestamp", "When the session was recorded.",
            r => r.SessionDate?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        new("game_level", ExportValueKind.Text, "", "Game level played (from the file's metadata).", r => r.GameLevel),
        new("channel", ExportValueKind.Text, "", "Channel name as in the C3D file and the API's analytics keys.", r => r.Metrics.Channel),
        new("side", ExportValueKind.Text, "", "left or right when the channel name says so, else empty.", r => r.Metrics.Side),
        .. ChannelColumns.For<CohortRow>(r => r.Metrics),
        new("overall_score", ExportValueKind.Real, "points (0-100)", "Overall performance score, when scoring was given.", r => r.OverallScore),
        new("compliance_score", ExportValueKind.Real, "points (0-100)", "Compliance score, when scoring was given.", r => r.ComplianceScore),
        new("data_completeness", ExportValueKind.Real, "fraction (0-1)", "Share of the channel's metrics that are present.", r => r.DataCompleteness),
    ];
}
