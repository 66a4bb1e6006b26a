namespace EmgSessions.Core.Stores;

/// <summary>
/// The statements both engines accept as written (named <c>@</c> parameters, <c>ON CONFLICT</c>); statements that differ
/// (claims, JSON merges, locks, notifications, clocks) stay with their engine.
/// </summary>
internal static class SessionSql
{
    /// <summary>The session with a content hash (Phase 1's duplicate-content case).</summary>
    public const string FindByHash = """
        SELECT id, file_path FROM therapy_sessions WHERE file_hash = @file_hash
        """;

    /// <summary>Phase 2's technical data of a session, inserted or replaced.</summary>
    public const string UpsertTechnicalData = """
        INSERT INTO c3d_technical_data (
            session_id, original_sampling_rate, original_duration_seconds, original_sample_count, channel_count,
            channel_names, sampling_rate, duration_seconds, frame_count, extracted_at)
        VALUES (@id, @original_sampling_rate, @original_duration_seconds, @original_sample_count, @channel_count,
            @channel_names, @sampling_rate, @duration_seconds, @frame_count, @extracted_at)
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

    /// <summary>A session; its technical data and job go with it (ON DELETE CASCADE).</summary>
    public const string DeleteSession = """
        DELETE FROM therapy_sessions WHERE id = @id
        """;
}
