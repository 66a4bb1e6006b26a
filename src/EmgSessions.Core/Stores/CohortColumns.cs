using System.Data.Common;
using System.Globalization;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Scores;

namespace EmgSessions.Core.Stores;

/// <summary>
/// The cohort export's columns beyond the session row, chosen from the tables the database really has: the patient's
/// name and date of birth (<c>patients</c>, joined on the patient code; the people work adds these columns), the
/// session's notes (<c>therapy_sessions.notes</c>) and its scores: ours (<c>session_scores</c>, the full result the scores
/// API serves) or else the predecessor's (<c>performance_scores</c>). A table or column that is missing reads as NULL, so the same statement works on a
/// fresh database, an adopted one and one with those tables, on both engines.
/// </summary>
internal sealed class CohortColumns
{
    /// <summary>The tables whose columns are looked up in the catalogue.</summary>
    public static readonly IReadOnlyList<string> Tables = ["patients", "performance_scores", "session_scores", "therapy_sessions"];

    private static readonly string[] ScoreColumns =
        ["overall_score", "compliance_score", "symmetry_score", "effort_score", "game_score", "rpe_post_session", "game_points_achieved", "bfr_pressure_aop", "scoring_profile", "scoring_config_id"];

    private readonly HashSet<string> _present;

    /// <param name="present">The columns the catalogue lists, as <c>table.column</c> (lower case).</param>
    public CohortColumns(IEnumerable<string> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        _present = new HashSet<string>(present, StringComparer.OrdinalIgnoreCase);
    }

    public bool JoinsPatients => Has("patients", "patient_code");

    public bool JoinsScores => Has("performance_scores", "session_id");

    /// <summary>Our own scores (<c>session_scores</c>, migration 060): preferred to the predecessor's row when both exist.</summary>
    public bool JoinsOwnScores => Has("session_scores", "session_id");

    /// <summary>The extra select items (each <c>… AS cohort_…</c>), to follow the session columns.</summary>
    /// <param name="sessionId">The expression of the session's id in the outer statement.</param>
    public string SelectList(string sessionId)
    {
        var items = new List<string>
        {
            Column("patients", "p", "first_name", "cohort_first_name"),
            Column("patients", "p", "last_name", "cohort_last_name"),
            Column("patients", "p", "date_of_birth", "cohort_date_of_birth"),
            Has("therapy_sessions", "notes")
                ? $"(SELECT n.notes FROM therapy_sessions n WHERE n.id = {sessionId}) AS cohort_notes"
                : "NULL AS cohort_notes",
            JoinsScores ? "s.session_id AS cohort_scored" : "NULL AS cohort_scored",
        };
        items.AddRange(ScoreColumns.Select(c => Column("performance_scores", "s", c, "cohort_" + c)));
        items.Add(JoinsOwnScores ? "ss.result AS cohort_own_result" : "NULL AS cohort_own_result");
        items.Add(JoinsOwnScores ? "ss.scoring_config_id AS cohort_own_config_id" : "NULL AS cohort_own_config_id");
        return string.Join(", ", items);
    }

    /// <summary>The LEFT JOINs of <c>patients p</c>, <c>performance_scores s</c> and <c>session_scores ss</c>, when those tables exist.</summary>
    public string Joins(string patientCode, string sessionId)
    {
        var joins = "";
        if (JoinsPatients)
        {
            joins += $" LEFT JOIN patients p ON p.patient_code = {patientCode}";
        }

        if (JoinsScores)
        {
            joins += $" LEFT JOIN performance_scores s ON s.session_id = {sessionId}";
        }

        if (JoinsOwnScores)
        {
            joins += $" LEFT JOIN session_scores ss ON ss.session_id = {sessionId}";
        }

        return joins;
    }

    /// <summary>The extras of the current row beside <paramref name="session"/>.</summary>
    public static CohortSession Read(DbDataReader reader, SessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var scores = OwnScores(reader);
        if (scores is null && !reader.IsDBNull(reader.GetOrdinal("cohort_scored")))
        {
            var overall = Real(reader, "cohort_overall_score");
            scores = new CohortScores(
                Text(reader, "cohort_scoring_profile") ?? "",
                overall,
                Real(reader, "cohort_compliance_score"),
                Real(reader, "cohort_symmetry_score"),
                Real(reader, "cohort_effort_score"),
                Real(reader, "cohort_game_score"),
                HasEmgData: Real(reader, "cohort_compliance_score") is not null,
                HasRpe: Real(reader, "cohort_rpe_post_session") is not null,
                HasGameData: Real(reader, "cohort_game_points_achieved") is not null,
                HasBfrData: Real(reader, "cohort_bfr_pressure_aop") is not null,
                ScoringConfigId: Uuid(reader, "cohort_scoring_config_id"),
                Origin: "predecessor");
        }

        return new CohortSession(
            session,
            Text(reader, "cohort_first_name"),
            Text(reader, "cohort_last_name"),
            Date(reader, "cohort_date_of_birth"),
            Text(reader, "cohort_notes"),
            scores);
    }

    /// <summary>Our stored result (<c>session_scores.result</c>), read as the scores API serves it; null when there is none or it is unreadable.</summary>
    private static CohortScores? OwnScores(DbDataReader reader)
    {
        if (Text(reader, "cohort_own_result") is not { } json || ScoreJson.Deserialize(json) is not { } result)
        {
            return null;
        }

        var completeness = result.DataCompleteness;
        return new CohortScores(
            result.Profile,
            result.OverallScore,
            result.ComplianceScore,
            result.SymmetryScore,
            result.EffortScore,
            result.GameScore,
            completeness.HasEmgData,
            completeness.HasRpe,
            completeness.HasGameData,
            completeness.HasBfrData,
            Uuid(reader, "cohort_own_config_id") ?? result.ScoringConfigId?.ToString("D"),
            result.ScoringConfigName,
            "emgs");
    }

    private bool Has(string table, string column) => _present.Contains(table + "." + column);

    private string Column(string table, string alias, string column, string name) =>
        Has(table, column) && (table != "patients" || JoinsPatients) && (table != "performance_scores" || JoinsScores)
            ? $"{alias}.{column} AS {name}"
            : $"NULL AS {name}";

    private static object? Value(DbDataReader reader, string name)
    {
        var ordinal = reader.GetOrdinal(name);
        return reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
    }

    private static string? Text(DbDataReader reader, string name) => Value(reader, name) switch
    {
        null => null,
        string s => s,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    private static string? Uuid(DbDataReader reader, string name) => Value(reader, name) switch
    {
        null => null,
        Guid g => g.ToString("D"),
        var other when Guid.TryParse(Convert.ToString(other, CultureInfo.InvariantCulture), out var g) => g.ToString("D"),
        _ => null,
    };

    private static double? Real(DbDataReader reader, string name) => Value(reader, name) switch
    {
        null => null,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        var other => Convert.ToDouble(other, CultureInfo.InvariantCulture),
    };

    private static DateOnly? Date(DbDataReader reader, string name) => Value(reader, name) switch
    {
        null => null,
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        DateTimeOffset t => DateOnly.FromDateTime(t.UtcDateTime),
        string s when s.Length >= 10 && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        _ => null,
    };
}
