namespace EmgSessions.Core.Exports;

/// <summary>The columns of one export format, in order; the CSV and Parquet writers and the data dictionary all read these.</summary>
public sealed record ExportTable<TRow>(string Name, string Description, IReadOnlyList<ExportColumn<TRow>> Columns);
