using System.Runtime.CompilerServices;
using System.Text;
using EmgSessions.Core.Exports.Cohort;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const string CohortCatalogueSql = """
        SELECT m.name || '.' || c.name FROM sqlite_master m, pragma_table_info(m.name) c
        WHERE m.type = 'table' AND m.name IN ('patients', 'performance_scores', 'session_scores', 'therapy_sessions')
        """;

    /// <summary>One connection and one reader for the whole stream: SQLite steps through the rows as they are asked for.</summary>
    public async IAsyncEnumerable<CohortSession> StreamCohortAsync(SessionQuery filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        var present = new List<string>();
        using (var catalogue = Command(connection, null, CohortCatalogueSql))
        using (var names = catalogue.ExecuteReader())
        {
            while (names.Read())
            {
                present.Add(names.GetString(0));
            }
        }

        var columns = new CohortColumns(present);
        using var command = Command(connection, null, string.Empty);
        var where = new StringBuilder("WHERE 1 = 1");
        if (filter.Status is { } status)
        {
            where.Append(" AND processing_status = $status");
            command.Parameters.AddWithValue("$status", status);
        }

        if (filter.PatientId is { } patient)
        {
            where.Append(" AND patient_id = $patient_id");
            command.Parameters.AddWithValue("$patient_id", patient);
        }

        if (filter.SessionDateFrom is { } from)
        {
            where.Append(" AND session_date >= $date_from");
            command.Parameters.AddWithValue("$date_from", SqliteTime.ToText(from));
        }

        if (filter.SessionDateTo is { } to)
        {
            where.Append(" AND session_date <= $date_to");
            command.Parameters.AddWithValue("$date_to", SqliteTime.ToText(to));
        }

        command.CommandText = $"""
            SELECT v.*, {columns.SelectList("v.id")}
            FROM (SELECT {SessionRowMapper.Columns} FROM therapy_sessions_with_technical {where}) v{columns.Joins("v.patient_id", "v.id")}
            ORDER BY v.session_date IS NULL, v.session_date, v.id
            """;
        using var reader = (SqliteDataReader)await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return CohortColumns.Read(reader, SqliteSessionRows.Instance.Read(reader));
        }
    }
}
