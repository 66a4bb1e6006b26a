namespace EmgSessions.Core.Exports;

/// <summary>
/// One column of an export: its name (the API's JSON field name), type, unit and meaning, and how to read its value
/// from a row. Values are <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or null
/// (an empty CSV cell, a Parquet null).
/// </summary>
public sealed record ExportColumn<TRow>(string Name, ExportValueKind Kind, string Unit, string Description, Func<TRow, object?> Value);
