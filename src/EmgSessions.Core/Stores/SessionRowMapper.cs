using System.Data.Common;

namespace EmgSessions.Core.Stores;

/// <summary>
/// Maps a session row to a <see cref="SessionRecord"/> by column name (the names of <see cref="Columns"/>), for both
/// engines; an engine supplies only how it stores ids, times, reals and channel names.
/// </summary>
internal abstract class SessionRowMapper
{
    /// <summary>The columns every session read selects, under these names.</summary>
    public const string Columns = """
        id, file_path, file_hash, file_size_bytes, original_filename, patient_id, therapist_id, session_id,
        session_date, processing_status, processing_error_message, processing_time_ms, analytics_cache, cache_hits,
        game_metadata, created_at, updated_at, processed_at, last_accessed_at,
        original_sampling_rate, original_duration_seconds, original_sample_count, channel_count, channel_names,
        sampling_rate, duration_seconds, frame_count, extracted_at
        """;

    public SessionRecord Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var id = ReadId(reader, reader.GetOrdinal("id"));
        var extractedAt = reader.GetOrdinal("extracted_at");
        TechnicalData? technical = reader.IsDBNull(extractedAt)
            ? null
            : new TechnicalData(
                id,
                Real(reader, "original_sampling_rate"),
                Real(reader, "original_duration_seconds"),
                Int(reader, "original_sample_count"),
                Int(reader, "channel_count"),
                Ordinal(reader, "channel_names") is { } names ? ReadNames(reader, names) : [],
                Real(reader, "sampling_rate"),
                Real(reader, "duration_seconds"),
                Int(reader, "frame_count"),
                ReadTime(reader, extractedAt));
        return new SessionRecord(
            id,
            reader.GetString(reader.GetOrdinal("file_path")),
            reader.GetString(reader.GetOrdinal("file_hash")),
            reader.GetInt64(reader.GetOrdinal("file_size_bytes")),
            Text(reader, "original_filename"),
            Text(reader, "patient_id"),
            Text(reader, "therapist_id"),
            Text(reader, "session_id"),
            Time(reader, "session_date"),
            reader.GetString(reader.GetOrdinal("processing_status")),
            Text(reader, "processing_error_message"),
            Ordinal(reader, "processing_time_ms") is { } time ? reader.GetDouble(time) : null,
            reader.GetString(reader.GetOrdinal("analytics_cache")),
            reader.GetInt32(reader.GetOrdinal("cache_hits")),
            reader.GetString(reader.GetOrdinal("game_metadata")),
            ReadTime(reader, reader.GetOrdinal("created_at")),
            ReadTime(reader, reader.GetOrdinal("updated_at")),
            Time(reader, "processed_at"),
            Time(reader, "last_accessed_at"),
            technical);
    }

    protected abstract Guid ReadId(DbDataReader reader, int ordinal);

    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    protected abstract double ReadReal(DbDataReader reader, int ordinal);

    protected abstract string[] ReadNames(DbDataReader reader, int ordinal);

    /// <summary>The ordinal of a non-null column; null when the value is NULL.</summary>
    private static int? Ordinal(DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : ordinal;
    }

    private static string? Text(DbDataReader reader, string column) => Ordinal(reader, column) is { } o ? reader.GetString(o) : null;

    private static int? Int(DbDataReader reader, string column) => Ordinal(reader, column) is { } o ? reader.GetInt32(o) : null;

    private double? Real(DbDataReader reader, string column) => Ordinal(reader, column) is { } o ? ReadReal(reader, o) : null;

    private DateTimeOffset? Time(DbDataReader reader, string column) => Ordinal(reader, column) is { } o ? ReadTime(reader, o) : null;
}
