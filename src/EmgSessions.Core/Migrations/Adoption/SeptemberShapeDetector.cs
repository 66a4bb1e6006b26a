using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>
/// The predecessor of September 2025 (state <c>c</c>): <c>therapy_sessions</c> with <c>session_code</c> and a uuid
/// <c>patient_id</c>, no technical columns, no <c>analytics_cache</c> and no <c>c3d_technical_data</c>. The columns the
/// application needs are added (nullable or with their defaults), <c>c3d_technical_data</c> and the view are created
/// as 020 and 021 create them, and the database is baselined at 021. PostgreSQL only.
/// </summary>
internal sealed class SeptemberShapeDetector : IShapeDetector
{
    public const string State = "september";

    private const string TechnicalTableSql = """
        CREATE TABLE c3d_technical_data (
            session_id UUID PRIMARY KEY REFERENCES therapy_sessions(id) ON DELETE CASCADE,
            original_sampling_rate REAL CHECK (original_sampling_rate IS NULL OR original_sampling_rate > 0),
            original_duration_seconds REAL CHECK (original_duration_seconds IS NULL OR original_duration_seconds > 0),
            original_sample_count INTEGER CHECK (original_sample_count IS NULL OR original_sample_count > 0),
            channel_count INTEGER CHECK (channel_count IS NULL OR channel_count > 0),
            channel_names TEXT[] DEFAULT ARRAY[]::TEXT[],
            sampling_rate REAL CHECK (sampling_rate IS NULL OR sampling_rate > 0),
            duration_seconds REAL CHECK (duration_seconds IS NULL OR duration_seconds > 0),
            frame_count INTEGER CHECK (frame_count IS NULL OR frame_count > 0),
            extracted_at TIMESTAMPTZ DEFAULT NOW()
        );
        CREATE INDEX idx_c3d_technical_data_sampling_rate ON c3d_technical_data (sampling_rate) WHERE sampling_rate IS NOT NULL;
        CREATE INDEX idx_c3d_technical_data_channel_count ON c3d_technical_data (channel_count) WHERE channel_count IS NOT NULL;
        """;

    private const string ViewSql = """
        CREATE VIEW therapy_sessions_with_technical AS
        SELECT
            ts.id, ts.file_path, ts.file_hash, ts.file_size_bytes, ts.original_filename,
            ts.patient_id, ts.therapist_id, ts.session_id, ts.session_date,
            ts.processing_status, ts.processing_error_message, ts.processing_time_ms,
            ts.analytics_cache, ts.cache_hits, ts.game_metadata,
            ts.created_at, ts.updated_at, ts.processed_at, ts.last_accessed_at,
            ctd.original_sampling_rate, ctd.original_duration_seconds, ctd.original_sample_count,
            ctd.channel_count, ctd.channel_names,
            ctd.sampling_rate, ctd.duration_seconds, ctd.frame_count,
            ctd.extracted_at
        FROM therapy_sessions ts
        LEFT JOIN c3d_technical_data ctd ON ctd.session_id = ts.id
        """;

    private static readonly (string Column, string Definition, string Why)[] Added =
    [
        ("original_filename", "TEXT", "nullable; existing rows keep NULL"),
        ("session_id", "TEXT", "the path's session code; existing rows keep NULL, session_code is untouched"),
        ("analytics_cache", "JSONB DEFAULT '{}'::jsonb", "existing rows get {}: this shape cached no analytics"),
        ("cache_hits", "INTEGER DEFAULT 0 CHECK (cache_hits >= 0)", "existing rows get 0"),
        ("last_accessed_at", "TIMESTAMPTZ", "existing rows keep NULL: never read through this application"),
    ];

    public AdoptionPlan? Detect(DatabaseCatalogue catalogue, DatabaseEngine engine)
    {
        if (engine != DatabaseEngine.Postgres || catalogue.HasTable("c3d_technical_data") || catalogue.HasColumn("therapy_sessions", "channel_names")
            || catalogue.HasColumn("therapy_sessions", "analytics_cache") || !catalogue.HasColumn("therapy_sessions", "session_code"))
        {
            return null;
        }

        var steps = new List<AdoptionStep>();
        foreach (var (column, definition, why) in Added.Where(a => !catalogue.HasColumn("therapy_sessions", a.Column)))
        {
            steps.Add(new AdoptionStep($"add therapy_sessions.{column} ({why})", $"ALTER TABLE therapy_sessions ADD COLUMN {column} {definition}"));
        }

        if (!catalogue.HasColumn("therapy_sessions", "last_accessed_at"))
        {
            steps.Add(new AdoptionStep("default therapy_sessions.last_accessed_at to now() for new rows", "ALTER TABLE therapy_sessions ALTER COLUMN last_accessed_at SET DEFAULT now()"));
        }

        steps.Add(new AdoptionStep("create c3d_technical_data (empty: this shape stored no technical values) as 020 does", TechnicalTableSql));
        if (!catalogue.HasView("therapy_sessions_with_technical"))
        {
            steps.Add(new AdoptionStep("create the view therapy_sessions_with_technical as 021 does", ViewSql));
        }

        return new AdoptionPlan(
            State,
            "the predecessor of September 2025 (session_code, uuid patient_id, no analytics_cache, no c3d_technical_data)",
            21,
            steps,
            [.. AdoptionSql.CommonCounts(catalogue, engine),
             new AdoptionCount("sessions with a patient (uuid patient_id, kept; read as the patient's code)", "SELECT count(*) FROM therapy_sessions WHERE patient_id IS NOT NULL")]);
    }
}
