namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>
/// What the catalogue says about the tables of the application's schema: each relation's columns with their
/// types (lower-case <c>udt_name</c> on PostgreSQL, declared type on SQLite), which relations are views, and
/// the foreign keys of <c>therapy_sessions</c>. The detectors decide on this alone.
/// </summary>
internal sealed class DatabaseCatalogue(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> relations,
    IReadOnlySet<string> views,
    IReadOnlyDictionary<string, (string Table, string Column)> sessionForeignKeys)
{
    public bool HasTable(string name) => relations.ContainsKey(name) && !views.Contains(name);

    public bool HasView(string name) => views.Contains(name);

    public bool HasColumn(string table, string column) => relations.TryGetValue(table, out var columns) && columns.ContainsKey(column);

    /// <summary>The column's type, or null when the column does not exist.</summary>
    public string? ColumnType(string table, string column) =>
        relations.TryGetValue(table, out var columns) && columns.TryGetValue(column, out var type) ? type : null;

    /// <summary>The table and column a <c>therapy_sessions</c> column references, or null.</summary>
    public (string Table, string Column)? SessionReference(string column) =>
        sessionForeignKeys.TryGetValue(column, out var target) ? target : null;

    /// <summary>The columns of <paramref name="table"/> in name order (for messages).</summary>
    public IReadOnlyList<string> Columns(string table) =>
        relations.TryGetValue(table, out var columns) ? [.. columns.Keys.Order(StringComparer.Ordinal)] : [];
}
