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
        return page.ToString();
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
