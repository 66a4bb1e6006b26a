using System.Runtime.CompilerServices;
using System.Text;
using EmgSessions.Core.Exports.Cohort;
using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    private const string CohortCatalogueSql = """
        SELECT table_name || '.' || column_name FROM information_schema.columns
        WHERE table_schema = ANY (current_schemas(false)) AND table_name = ANY (@tables)
        """;

    /// <summary>
    /// One connection and one reader for the whole stream: Npgsql hands rows over as they arrive from the socket (no
    /// buffering of the result), so memory does not grow with the number of sessions.
    /// </summary>
    public async IAsyncEnumerable<CohortSession> StreamCohortAsync(SessionQuery filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var schema = await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresUnitOfWork.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        var present = new List<string>();
        await using (var catalogue = new NpgsqlCommand(CohortCatalogueSql, connection))
        {
            Add(catalogue, "tables", NpgsqlDbType.Array | NpgsqlDbType.Text, CohortColumns.Tables.ToArray());
            await using var names = await catalogue.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await names.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                present.Add(names.GetString(0));
            }
        }

        var columns = new CohortColumns(present);
        await using var command = new NpgsqlCommand(string.Empty, connection);
        var where = new StringBuilder("WHERE true");
        if (filter.Status is { } status)
        {
            where.Append(" AND ts.processing_status = @status");
            Add(command, "status", NpgsqlDbType.Text, status);
        }

        if (filter.PatientId is { } patient)
        {
            where.Append($" AND {schema.PatientRead} = @patient_id");
            Add(command, "patient_id", NpgsqlDbType.Text, patient);
        }

        if (filter.SessionDateFrom is { } from)
        {
            where.Append(" AND ts.session_date >= @date_from");
            Add(command, "date_from", NpgsqlDbType.TimestampTz, from.ToUniversalTime());
        }

        if (filter.SessionDateTo is { } to)
        {
            where.Append(" AND ts.session_date <= @date_to");
            Add(command, "date_to", NpgsqlDbType.TimestampTz, to.ToUniversalTime());
        }

        command.CommandText = $"""
            SELECT {SessionColumns(schema)}, {columns.SelectList("ts.id")}
            FROM {SessionsFrom}{columns.Joins(schema.PatientRead, "ts.id")} {where}
            ORDER BY ts.session_date IS NULL, ts.session_date, ts.id
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return CohortColumns.Read(reader, PostgresSessionRows.Instance.Read(reader));
        }
    }
}
