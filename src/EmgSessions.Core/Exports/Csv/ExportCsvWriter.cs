using System.Globalization;
using System.Text;
using CsvHelper;

namespace EmgSessions.Core.Exports.Csv;

/// <summary>
/// Writes an export table as RFC 4180 CSV (UTF-8 without BOM, comma, header row of the column names). Reals are
/// the shortest text that reads back to the same double ("R"), so a reader gets exactly the analytics JSON's
/// value; null is an empty cell; booleans are <c>true</c>/<c>false</c>. Rows are written as they arrive.
/// </summary>
public static class ExportCsvWriter
{
    /// <summary>Writes <paramref name="rows"/> to <paramref name="output"/> (left open); returns the number of rows.</summary>
    public static async Task<long> WriteAsync<TRow>(
        ExportTable<TRow> table, IAsyncEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await using (text.ConfigureAwait(false))
        {
            var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true);
            await using (csv.ConfigureAwait(false))
            {
                foreach (var column in table.Columns)
                {
                    csv.WriteField(column.Name);
                }

                await csv.NextRecordAsync().ConfigureAwait(false);
                long count = 0;
                await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var column in table.Columns)
                    {
                        csv.WriteField(Format(column.Value(row)));
                    }

                    await csv.NextRecordAsync().ConfigureAwait(false);
                    count++;
                }

                await csv.FlushAsync().ConfigureAwait(false);
                return count;
            }
        }
    }

    /// <summary>Writes an in-memory list of rows.</summary>
    public static Task<long> WriteAsync<TRow>(
        ExportTable<TRow> table, IEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken = default) =>
        WriteAsync(table, rows.ToAsyncEnumerable(), output, cancellationToken);

    /// <summary>The CSV text of one value (invariant culture; reals round-trip exactly; null and non-finite reals are empty).</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => throw new ArgumentException($"An export value of type {value.GetType().Name} has no CSV form.", nameof(value)),
    };
}
