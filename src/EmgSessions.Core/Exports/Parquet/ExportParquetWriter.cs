using Parquet;
using Parquet.Schema;

namespace EmgSessions.Core.Exports.Parquet;

/// <summary>
/// Writes an export table as Parquet: one optional field per column (string, int64, double, boolean), rows
/// buffered into row groups of <see cref="DefaultRowGroupSize"/> rows (or the size given) and written as each
/// group fills, so memory holds one row group whatever the number of rows.
/// </summary>
public static class ExportParquetWriter
{
    /// <summary>Rows per row group unless told otherwise.</summary>
    public const int DefaultRowGroupSize = 10_000;

    /// <summary>The Parquet schema of a table.</summary>
    public static ParquetSchema SchemaOf<TRow>(ExportTable<TRow> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ParquetSchema(table.Columns.Select(c => (Field)FieldOf(c)));
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="output"/> (left open); returns the number of rows.</summary>
    /// <param name="compress">Snappy-compressed pages (the default); false writes plain pages, whose bytes can be searched.</param>
    public static async Task<long> WriteAsync<TRow>(
        ExportTable<TRow> table, IAsyncEnumerable<TRow> rows, Stream output, int rowGroupSize = DefaultRowGroupSize,
        bool compress = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        var schema = SchemaOf(table);
        var fields = schema.GetDataFields();
        var writer = await ParquetWriter.CreateAsync(
            schema, output, new ParquetOptions { CompressionMethod = compress ? CompressionMethod.Snappy : CompressionMethod.None }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var buffer = new List<TRow>(Math.Min(rowGroupSize, 65_536));
            long count = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                buffer.Add(row);
                count++;
                if (buffer.Count == rowGroupSize)
                {
                    await WriteGroupAsync(writer, table, fields, buffer, cancellationToken).ConfigureAwait(false);
                    buffer.Clear();
                }
            }

            if (buffer.Count > 0 || count == 0)
            {
                await WriteGroupAsync(writer, table, fields, buffer, cancellationToken).ConfigureAwait(false);
            }

            return count;
        }
    }

    /// <summary>Writes an in-memory list of rows.</summary>
    public static Task<long> WriteAsync<TRow>(
        ExportTable<TRow> table, IEnumerable<TRow> rows, Stream output, int rowGroupSize = DefaultRowGroupSize,
        bool compress = true, CancellationToken cancellationToken = default) =>
        WriteAsync(table, rows.ToAsyncEnumerable(), output, rowGroupSize, compress, cancellationToken);

    private static DataField FieldOf<TRow>(ExportColumn<TRow> column) => column.Kind switch
    {
        ExportValueKind.Text => new DataField<string>(column.Name, true),
        ExportValueKind.Integer => new DataField<long?>(column.Name),
        ExportValueKind.Real => new DataField<double?>(column.Name),
        ExportValueKind.Boolean => new DataField<bool?>(column.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "Unknown column kind."),
    };

    private static async Task WriteGroupAsync<TRow>(
        ParquetWriter writer, ExportTable<TRow> table, DataField[] fields, List<TRow> rows, CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var field = fields[i];
            switch (column.Kind)
            {
                case ExportValueKind.Text:
                    await group.WriteAsync(field, rows.Select(r => (string?)column.Value(r)).ToArray()!).ConfigureAwait(false);
                    break;
                case ExportValueKind.Integer:
                    await group.WriteAsync<long>(field, rows.Select(r => (long?)column.Value(r)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case ExportValueKind.Real:
                    await group.WriteAsync<double>(field, rows.Select(r => Finite((double?)column.Value(r))).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync<bool>(field, rows.Select(r => (bool?)column.Value(r)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
