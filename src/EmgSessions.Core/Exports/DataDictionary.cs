using System.Text;

namespace EmgSessions.Core.Exports;

/// <summary>
/// The data dictionary page (<c>docs/data-dictionary.md</c>): every column of every export table with its type and
/// unit, generated from the tables themselves; a test fails when the page in docs/ differs.
/// </summary>
public static class DataDictionary
{
    /// <summary>The Markdown text of the page.</summary>
    public static string ToMarkdown()
    {
        var page = new StringBuilder();
        page.Append("# Data dictionary\n\n")
            .Append("Generated from `src/EmgSessions.Core/Exports` (a test fails when this page and the code differ; ")
            .Append("regenerate by running the test with `EMGS_WRITE_DATA_DICTIONARY=1`).\n\n")
            .Append("CSV files are UTF-8 (no BOM), comma-separated with a header row; a real is written as the shortest text ")
            .Append("that reads back to the same 64-bit double, so values equal the API's JSON exactly; an empty cell is null; ")
            .Append("booleans are `true`/`false`. Parquet files have the same column names, every column optional, typed as below.\n\n")
            .Append("| type | Parquet | CSV |\n| --- | --- | --- |\n")
            .Append("| text | string (UTF-8) | as is, quoted when needed |\n")
            .Append("| integer | int64 | decimal digits |\n")
            .Append("| real | double | shortest round-trip decimal, invariant culture |\n")
            .Append("| boolean | boolean | `true` / `false` |\n");
        Table(page, Exports.SessionTables.Contractions);
        Table(page, Exports.SessionTables.Metrics);
        Table(page, Signals.SignalTables.Samples);
        Table(page, Signals.SignalTables.Buckets);
        Table(page, Cohort.CohortTables.Full);
        Table(page, Cohort.CohortTables.Pseudonymised);
        ResultJson(page);
        return page.ToString();
    }

    /// <summary>The members of <c>result.json</c>'s <c>provenance</c> object (<see cref="Json.ResultJsonExport"/>).</summary>
    private static void ResultJson(StringBuilder page)
    {
        page.Append("\n## result.json\n\n")
            .Append("`{\"provenance\": {…}, \"session\": {…}, \"result\": <the analytics_cache entry as stored>}`; the provenance members:\n\n")
            .Append("| member | type | meaning |\n| --- | --- | --- |\n")
            .Append("| `file_hash` | text | SHA-256 of the file the analytics were computed from. |\n")
            .Append("| `analysis_profile` | text | The analysis profile (ghostly-v1). |\n")
            .Append("| `processing_version` | text | The profile and revision that wrote the stored analytics (ghostly-v1+rN). |\n")
            .Append("| `processing_params` | object | The analysis options used, as stored. |\n")
            .Append("| `scoring_profile` | text | The profile of the session's stored score (ghostly-trial, ghostly-v1); null when not scored or scored by the predecessor. |\n")
            .Append("| `scoring_configuration` | object | The scoring configuration the score used, as `GET /api/scoring/configurations/{id}` serves it; null when not scored. |\n")
            .Append("| `software_version` | text | The emgs version that exported the file. |\n")
            .Append("| `exported_at` | text | When the file was exported (ISO 8601 UTC). |\n");
    }

    private static void Table<TRow>(StringBuilder page, ExportTable<TRow> table)
    {
        page.Append("\n## ").Append(table.Name).Append("\n\n").Append(table.Description).Append("\n\n")
            .Append("| column | type | unit | meaning |\n| --- | --- | --- | --- |\n");
        foreach (var column in table.Columns)
        {
            page.Append("| `").Append(column.Name).Append("` | ").Append(column.Kind.ToString().ToLowerInvariant()).Append(" | ")
                .Append(column.Unit.Length == 0 ? "-" : column.Unit.Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ")
                .Append(column.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }
    }
}
