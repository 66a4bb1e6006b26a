using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const string GetByIdSql = $"""
        SELECT {SessionRowMapper.Columns} FROM therapy_sessions_with_technical WHERE id = $id
        """;

    private const string GetByPathSql = $"""
        SELECT {SessionRowMapper.Columns} FROM therapy_sessions_with_technical WHERE file_path = $file_path
        """;

    public async Task UpsertTechnicalDataAsync(TechnicalData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            await _database.WriteAsync((connection, transaction) =>
            {
                using var upsert = Command(connection, transaction, SessionSql.UpsertTechnicalData);
                upsert.Parameters.AddWithValue("@id", Id(data.SessionId));
                upsert.Parameters.AddWithValue("@original_sampling_rate", Positive(data.OriginalSamplingRate));
                upsert.Parameters.AddWithValue("@original_duration_seconds", Positive(data.OriginalDurationSeconds));
                upsert.Parameters.AddWithValue("@original_sample_count", Positive(data.OriginalSampleCount));
                upsert.Parameters.AddWithValue("@channel_count", Positive(data.ChannelCount));
                upsert.Parameters.AddWithValue("@channel_names", JsonSerializer.Serialize(data.ChannelNames ?? []));
                upsert.Parameters.AddWithValue("@sampling_rate", Positive(data.SamplingRate));
                upsert.Parameters.AddWithValue("@duration_seconds", Positive(data.DurationSeconds));
                upsert.Parameters.AddWithValue("@frame_count", Positive(data.FrameCount));
                upsert.Parameters.AddWithValue("@extracted_at", SqliteTime.ToText(data.ExtractedAt ?? DateTimeOffset.UtcNow));
                return upsert.ExecuteNonQuery();
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteDatabase.IsForeignKeyViolation(ex))
        {
            throw new SessionNotFoundException(data.SessionId);
        }
    }

    public Task<SessionRecord?> GetSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        _database.ReadAsync(connection =>
        {
            using var command = Command(connection, null, GetByIdSql);
            command.Parameters.AddWithValue("$id", Id(sessionId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? SqliteSessionRows.Instance.Read(reader) : null;
        }, cancellationToken);

    public Task<SessionRecord?> FindByPathAsync(string filePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        return _database.ReadAsync(connection =>
        {
            using var command = Command(connection, null, GetByPathSql);
            command.Parameters.AddWithValue("$file_path", filePath);
            using var reader = command.ExecuteReader();
            return reader.Read() ? SqliteSessionRows.Instance.Read(reader) : null;
        }, cancellationToken);
    }

    public Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        return _database.ReadAsync(connection =>
        {
            var where = new StringBuilder("WHERE 1 = 1");
            using var count = Command(connection, null, string.Empty);
            using var page = Command(connection, null, string.Empty);
            void Filter(string condition, string name, object value)
            {
                where.Append(" AND ").Append(condition);
                count.Parameters.AddWithValue(name, value);
                page.Parameters.AddWithValue(name, value);
            }

            if (query.Status is { } status)
            {
                Filter("processing_status = $status", "$status", status);
            }

            if (query.PatientId is { } patient)
            {
                Filter("patient_id = $patient_id", "$patient_id", patient);
            }

            if (query.PatientIds is { } patients)
            {
                Filter("patient_id IN (SELECT value FROM json_each($patient_ids))", "$patient_ids", JsonSerializer.Serialize(patients));
            }

            if (query.TherapistId is { } therapist)
            {
                Filter("patient_id IN (SELECT p.patient_code FROM patients p WHERE p.therapist_id = $therapist_id)", "$therapist_id", Id(therapist));
            }

            if (query.Unassigned)
            {
                where.Append(" AND NOT EXISTS (SELECT 1 FROM patients p WHERE p.patient_code = patient_id AND p.therapist_id IS NOT NULL)");
            }

            if (query.SessionDateFrom is { } from)
            {
                Filter("session_date >= $date_from", "$date_from", SqliteTime.ToText(from));
            }

            if (query.SessionDateTo is { } to)
            {
                Filter("session_date <= $date_to", "$date_to", SqliteTime.ToText(to));
            }

            if (query.TextPattern is { } text)
            {
                Filter(
                    "(file_path LIKE $text ESCAPE '\\' OR original_filename LIKE $text ESCAPE '\\' OR patient_id LIKE $text ESCAPE '\\' " +
                    "OR processing_error_message LIKE $text ESCAPE '\\')",
                    "$text",
                    text);
            }

            count.CommandText = $"SELECT count(*) FROM therapy_sessions {where}";
            // The page's ids first, sorted on narrow rows, then their whole rows: sorting whole rows would carry every
            // skipped row's analytics (kilobytes each) through the sorter, seconds for a deep page of 10,000 sessions.
            var order = query.OrderBy(column => column);
            page.CommandText = $"""
                SELECT {SessionRowMapper.Columns} FROM therapy_sessions_with_technical
                WHERE id IN (SELECT id FROM therapy_sessions_with_technical {where} ORDER BY {order} LIMIT $limit OFFSET $offset)
                ORDER BY {order}
                """;
            page.Parameters.AddWithValue("$limit", query.Limit);
            page.Parameters.AddWithValue("$offset", query.Offset);
            var total = (long)count.ExecuteScalar()!;
            using var reader = page.ExecuteReader();
            var items = new List<SessionRecord>();
            while (reader.Read())
            {
                items.Add(SqliteSessionRows.Instance.Read(reader));
            }

            return new SessionPage(items, total);
        }, cancellationToken);
    }

    public Task<bool> DeleteSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, SessionSql.DeleteSession);
            delete.Parameters.AddWithValue("@id", Id(sessionId));
            return delete.ExecuteNonQuery() == 1;
        }, cancellationToken);

    private static object Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : DBNull.Value;

    private static object Positive(int? value) => value is > 0 ? value.Value : DBNull.Value;
}
