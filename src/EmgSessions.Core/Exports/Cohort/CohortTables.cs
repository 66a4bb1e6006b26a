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
        new("side", ExportValueKind.Text, "", "left or right: the side mapping (default CH1 left, CH2 right, scoring.md §1), else what the channel name says, else empty.", r => r.Metrics.Side),
        .. ChannelColumns.For<CohortRow>(r => r.Metrics),
        new("metrics_completeness", ExportValueKind.Real, "fraction (0-1)", "Share of the channel's numeric metrics that are present.", r => r.Metrics.Completeness),
        new("scoring_profile", ExportValueKind.Text, "", "Scoring profile of the scores (ghostly-v1, ghostly-trial); empty when not scored or scored by the predecessor.", r => r.Scores?.Profile),
        new("scoring_config_id", ExportValueKind.Text, "UUID", "The scoring configuration the scores were computed with (scoring_configuration.id).", r => r.Scores?.ScoringConfigId),
        new("scoring_config_name", ExportValueKind.Text, "", "That configuration's name (e.g. GHOSTLY-TRIAL-DEFAULT); empty for the predecessor's scores.", r => r.Scores?.ScoringConfigName),
        new("scores_origin", ExportValueKind.Text, "", "Where the scores come from: emgs (session_scores, as GET /api/sessions/{id}/scores serves them, uncapped) or predecessor (performance_scores).", r => r.Scores?.Origin),
        new("overall_score", ExportValueKind.Real, "points (0-100)", "Overall performance score (scoring.md §4), as the scores API serves it.", r => r.Scores?.OverallScore),
        new("compliance_score", ExportValueKind.Real, "points (0-100)", "Compliance score.", r => r.Scores?.ComplianceScore),
        new("symmetry_score", ExportValueKind.Real, "points (0-100)", "Left/right symmetry score.", r => r.Scores?.SymmetryScore),
        new("effort_score", ExportValueKind.Real, "points (0-100)", "Effort score used in the overall score.", r => r.Scores?.EffortScore),
        new("game_score", ExportValueKind.Real, "points (0-100)", "Game score used in the overall score.", r => r.Scores?.GameScore),
        new("has_emg_data", ExportValueKind.Boolean, "", "Data completeness: the EMG inputs of the scores were known.", r => r.Scores?.HasEmgData),
        new("has_rpe", ExportValueKind.Boolean, "", "Data completeness: an RPE was entered.", r => r.Scores?.HasRpe),
        new("has_game_data", ExportValueKind.Boolean, "", "Data completeness: game points were known.", r => r.Scores?.HasGameData),
        new("has_bfr_data", ExportValueKind.Boolean, "", "Data completeness: BFR pressure was known.", r => r.Scores?.HasBfrData),
    ];
}
