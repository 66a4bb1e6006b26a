namespace EmgSessions.Core.Stores;

/// <summary>
/// Filters and paging for the session list; newest first (created_at DESC, id). <see cref="TherapistId"/> limits the
/// list to the sessions of that therapist's patients; the application layer sets it only when
/// <c>IPatientDirectory.HasPatientsAsync</c> says the therapist has patients, which needs the patients table.
/// <see cref="Unassigned"/> keeps only sessions whose code names no patient with a therapist (unknown codes included).
/// <see cref="Text"/> keeps sessions whose file path, file name, patient code or error message contains it (case-insensitive
/// for ASCII letters); <see cref="Sort"/> and <see cref="Ascending"/> order the list (ties by id, in the same direction).
/// <see cref="PatientIds"/> keeps the sessions of any of those patient codes (one query for a page of patients' progress).
/// </summary>
public sealed record SessionQuery(
    string? Status = null,
    string? PatientId = null,
    DateTimeOffset? SessionDateFrom = null,
    DateTimeOffset? SessionDateTo = null,
    int Limit = 50,
    int Offset = 0,
    Guid? TherapistId = null,
    bool Unassigned = false,
    string? Text = null,
    SessionSort Sort = SessionSort.Created,
    bool Ascending = false,
    IReadOnlyList<string>? PatientIds = null)
{
    /// <summary><see cref="Text"/> as a LIKE pattern with <c>\</c> escaping its wildcards; null when there is no text filter.</summary>
    internal string? TextPattern => string.IsNullOrWhiteSpace(Text)
        ? null
        : "%" + Text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>
    /// The ORDER BY list for <see cref="Sort"/>: <paramref name="column"/> turns a column of the session view
    /// (<c>created_at</c>, <c>session_date</c>, <c>patient_id</c>, …) into the engine's expression for it.
    /// </summary>
    internal string OrderBy(Func<string, string> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var direction = Ascending ? "ASC" : "DESC";
        var key = Sort switch
        {
            SessionSort.Recorded => column("session_date"),
            SessionSort.Patient => column("patient_id"),
            SessionSort.Status => column("processing_status"),
            SessionSort.Duration => column("duration_seconds"),
            SessionSort.File => $"COALESCE({column("original_filename")}, {column("file_path")})",
            _ => null,
        };
        // Ties go by id alone: on SQLite created_at lies behind the analytics in the row, and reading it for every row
        // of a large list costs more than the rest of the query (BENCHMARKS.md, the Sessions page).
        return key is null
            ? $"{column("created_at")} {direction} NULLS LAST, {column("id")} {direction}"
            : $"{key} {direction} NULLS LAST, {column("id")} {direction}";
    }
}
