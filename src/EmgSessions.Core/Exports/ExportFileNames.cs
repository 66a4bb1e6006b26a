using System.Globalization;
using System.Text;

namespace EmgSessions.Core.Exports;

/// <summary>
/// File names that say what an export is: <c>P005_2023-03-21_1750_contractions.csv</c> (patient code, session date
/// and time, kind). Unsafe characters become <c>-</c>; unknown parts become <c>unknown</c>.
/// </summary>
public static class ExportFileNames
{
    /// <summary>The MIME type of each export extension.</summary>
    public static string ContentType(string extension) => extension.TrimStart('.').ToUpperInvariant() switch
    {
        "CSV" => "text/csv; charset=utf-8",
        "PARQUET" => "application/vnd.apache.parquet",
        "JSON" => "application/json; charset=utf-8",
        "C3D" => "application/octet-stream",
        _ => "application/octet-stream",
    };

    /// <summary>A per-session file: <c>{patient}_{yyyy-MM-dd}_{HHmm}_{kind}.{extension}</c>.</summary>
    public static string Session(string? patientCode, DateTimeOffset? sessionDate, string kind, string extension)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(extension);
        var when = sessionDate is { } d ? d.ToString("yyyy-MM-dd'_'HHmm", CultureInfo.InvariantCulture) : "undated";
        return $"{Safe(patientCode)}_{when}_{Safe(kind)}.{Safe(extension.TrimStart('.'))}";
    }

    /// <summary>The original recording: <c>P005_2023-03-21_1750_recording.c3d</c>.</summary>
    public static string Recording(string? patientCode, DateTimeOffset? sessionDate) => Session(patientCode, sessionDate, "recording", "c3d");

    /// <summary>A cohort file: <c>sessions_{yyyy-MM-dd}[_pseudonymised].{extension}</c>, dated by the export time.</summary>
    public static string Cohort(DateTimeOffset exportedAt, bool pseudonymised, string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var date = exportedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"sessions_{date}{(pseudonymised ? "_pseudonymised" : "")}.{Safe(extension.TrimStart('.'))}";
    }

    private static string Safe(string? part)
    {
        if (string.IsNullOrWhiteSpace(part))
        {
            return "unknown";
        }

        var text = new StringBuilder(part.Length);
        foreach (var c in part.Trim())
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-');
        }

        return text.ToString().Trim('.');
    }
}
