using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const string SessionColumns = """
        id, file_path, file_hash, file_size_bytes, original_filename, patient_id, therapist_id, session_id,
        session_date, processing_status, processing_error_message, processing_time_ms, analytics_cache, cache_hits,
        game_metadata, created_at, updated_at, processed_at, last_accessed_at,
        original_sampling_rate, original_duration_seconds, original_sample_count, channel_count, channel_names,
        sampling_rate, duration_seconds, frame_count, extracted_at
        """;

    private const string GetByIdSql = $"""
        SELECT {SessionColumns} FROM therapy_sessions_with_technical WHERE id = $id
        """;

    private const string GetByPathSql = $"""
        SELECT {SessionColumns} FROM therapy_sessions_with_technical WHERE file_path = $file_path
        """;

    private const string UpsertTechnicalSql = """
        INSERT INTO c3d_technical_data (
            session_id, original_sampling_rate, original_duration_seconds, original_sample_count, channel_count,
            channel_names, sampling_rate, duration_seconds, frame_count, extracted_at)
        VALUES ($id, $original_sampling_rate, $original_duration_seconds, $original_sample_count, $channel_count,
            $channel_names, $sampling_rate, $duration_seconds, $frame_count, $extracted_at)
        ON CONFLICT (session_id) DO UPDATE SET
            original_sampling_rate = excluded.original_sampling_rate,
            original_duration_seconds = excluded.original_duration_seconds,
            original_sample_count = excluded.original_sample_count,
            channel_count = excluded.channel_count,
            channel_names = excluded.channel_names,
            sampling_rate = excluded.sampling_rate,
            duration_seconds = excluded.duration_seconds,
            frame_count = excluded.frame_count,
            extracted_at = excluded.extracted_at
        """;

    private const string DeleteSessionSql = """
        DELETE FROM therapy_sessions WHERE id = $id
        """;

    public async Task UpsertTechnicalDataAsync(TechnicalData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            await _database.WriteAsync((connection, transaction) =>
            {
                using var upsert = Command(connection, transaction, UpsertTechnicalSql);
                upsert.Parameters.AddWithValue("$id", Id(data.SessionId));
                upsert.Parameters.AddWithValue("$original_sampling_rate", Positive(data.OriginalSamplingRate));
                upsert.Parameters.AddWithValue("$original_duration_seconds", Positive(data.OriginalDurationSeconds));
                upsert.Parameters.AddWithValue("$original_sample_count", Positive(data.OriginalSampleCount));
                upsert.Parameters.AddWithValue("$channel_count", Positive(data.ChannelCount));
                upsert.Parameters.AddWithValue("$channel_names", JsonSerializer.Serialize(data.ChannelNames ?? []));
                upsert.Parameters.AddWithValue("$sampling_rate", Positive(data.SamplingRate));
                upsert.Parameters.AddWithValue("$duration_seconds", Positive(data.DurationSeconds));
                upsert.Parameters.AddWithValue("$frame_count", Positive(data.FrameCount));
                upsert.Parameters.AddWithValue("$extracted_at", SqliteTime.ToText(data.ExtractedAt ?? DateTimeOffset.UtcNow));
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
            return reader.Read() ? ReadSession(reader) : null;
        }, cancellationToken);

    public Task<SessionRecord?> FindByPathAsync(string filePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        return _database.ReadAsync(connection =>
        {
            using var command = Command(connection, null, GetByPathSql);
            command.Parameters.AddWithValue("$file_path", filePath);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadSession(reader) : null;
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

            if (query.SessionDateFrom is { } from)
            {
                Filter("session_date >= $date_from", "$date_from", SqliteTime.ToText(from));
            }

            if (query.SessionDateTo is { } to)
            {
                Filter("session_date <= $date_to", "$date_to", SqliteTime.ToText(to));
            }

            count.CommandText = $"SELECT count(*) FROM therapy_sessions {where}";
            page.CommandText = $"""
                SELECT {SessionColumns} FROM therapy_sessions_with_technical {where}
                ORDER BY created_at DESC, id DESC
                LIMIT $limit OFFSET $offset
                """;
            page.Parameters.AddWithValue("$limit", query.Limit);
            page.Parameters.AddWithValue("$offset", query.Offset);
            var total = (long)count.ExecuteScalar()!;
            using var reader = page.ExecuteReader();
            var items = new List<SessionRecord>();
            while (reader.Read())
            {
                items.Add(ReadSession(reader));
            }

            return new SessionPage(items, total);
        }, cancellationToken);
    }

    public Task<bool> DeleteSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, DeleteSessionSql);
            delete.Parameters.AddWithValue("$id", Id(sessionId));
            return delete.ExecuteNonQuery() == 1;
        }, cancellationToken);

    private static SessionRecord ReadSession(SqliteDataReader reader)
    {
        var id = Guid.Parse(reader.GetString(0));
        TechnicalData? technical = reader.IsDBNull(27)
            ? null
            : new TechnicalData(
                id,
                NullableDouble(reader, 19),
                NullableDouble(reader, 20),
                NullableInt(reader, 21),
                NullableInt(reader, 22),
                reader.IsDBNull(23) ? [] : JsonSerializer.Deserialize<string[]>(reader.GetString(23)) ?? [],
                NullableDouble(reader, 24),
                NullableDouble(reader, 25),
                NullableInt(reader, 26),
                SqliteTime.Parse(reader.GetString(27)));
        return new SessionRecord(
            id,
            reader.GetString(1),
            reader.GetString(2),
            reader.GetInt64(3),
            NullableString(reader, 4),
            NullableString(reader, 5),
            NullableString(reader, 6),
            NullableString(reader, 7),
            NullableTime(reader, 8),
            reader.GetString(9),
            NullableString(reader, 10),
            NullableDouble(reader, 11),
            reader.GetString(12),
            reader.GetInt32(13),
            reader.GetString(14),
            SqliteTime.Parse(reader.GetString(15)),
            SqliteTime.Parse(reader.GetString(16)),
            NullableTime(reader, 17),
            NullableTime(reader, 18),
            technical);
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static double? NullableDouble(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static int? NullableInt(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteTime.Parse(reader.GetString(ordinal));

    private static object Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : DBNull.Value;

    private static object Positive(int? value) => value is > 0 ? value.Value : DBNull.Value;
}
