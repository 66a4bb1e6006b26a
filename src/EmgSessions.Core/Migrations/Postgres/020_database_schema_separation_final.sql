-- 020_database_schema_separation_final (system.md §2.2, the seeds' migration), one transaction:
-- create c3d_technical_data, copy every technical value losslessly, verify, drop, create the view.

-- 1. The technical table, every column nullable.
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

-- 2. Copy. A session has a technical value when a numeric column is neither NULL nor 0, or when
-- channel_names is a non-empty array of strings. 0 becomes NULL. The predecessor only knew the
-- original_* values, so sampling_rate/duration_seconds take them (as Phase 2 writes them) and
-- frame_count stays unknown.
INSERT INTO c3d_technical_data (
    session_id, original_sampling_rate, original_duration_seconds, original_sample_count,
    channel_count, channel_names, sampling_rate, duration_seconds, frame_count, extracted_at)
SELECT
    ts.id,
    NULLIF(ts.original_sampling_rate, 0),
    NULLIF(ts.original_duration_seconds, 0),
    NULLIF(ts.original_sample_count, 0),
    NULLIF(ts.channel_count, 0),
    CASE WHEN names.are_strings THEN ARRAY(SELECT jsonb_array_elements_text(ts.channel_names)) ELSE ARRAY[]::TEXT[] END,
    NULLIF(ts.original_sampling_rate, 0),
    NULLIF(ts.original_duration_seconds, 0),
    NULL,
    COALESCE(ts.updated_at, ts.created_at, now())
FROM therapy_sessions ts
CROSS JOIN LATERAL (
    SELECT CASE WHEN jsonb_typeof(ts.channel_names) = 'array'
                THEN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(ts.channel_names) e WHERE jsonb_typeof(e) <> 'string')
                ELSE false END AS are_strings
) names
WHERE NULLIF(ts.original_sampling_rate, 0) IS NOT NULL
   OR NULLIF(ts.original_duration_seconds, 0) IS NOT NULL
   OR NULLIF(ts.original_sample_count, 0) IS NOT NULL
   OR NULLIF(ts.channel_count, 0) IS NOT NULL
   OR (CASE WHEN names.are_strings THEN jsonb_array_length(ts.channel_names) > 0 ELSE false END);

-- Channel names that are not an array of strings (an object, numbers, a scalar, JSON null) are kept
-- as they were in game_metadata.legacy_channel_names.
UPDATE therapy_sessions ts
SET game_metadata = (CASE WHEN jsonb_typeof(ts.game_metadata) = 'object' THEN ts.game_metadata
                          WHEN ts.game_metadata IS NULL THEN '{}'::jsonb
                          ELSE jsonb_build_object('legacy_game_metadata', ts.game_metadata) END)
                    || jsonb_build_object('legacy_channel_names', ts.channel_names)
WHERE ts.channel_names IS NOT NULL
  AND NOT (CASE WHEN jsonb_typeof(ts.channel_names) = 'array'
                THEN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(ts.channel_names) e WHERE jsonb_typeof(e) <> 'string')
                ELSE false END);

-- 3. Verify before dropping anything; any mismatch raises and the whole migration rolls back.
DO $verify$
DECLARE
    expected BIGINT;
    copied BIGINT;
    bad_values BIGINT;
    bad_legacy BIGINT;
BEGIN
    SELECT count(*) INTO expected
    FROM therapy_sessions ts
    WHERE NULLIF(ts.original_sampling_rate, 0) IS NOT NULL
       OR NULLIF(ts.original_duration_seconds, 0) IS NOT NULL
       OR NULLIF(ts.original_sample_count, 0) IS NOT NULL
       OR NULLIF(ts.channel_count, 0) IS NOT NULL
       OR (CASE WHEN jsonb_typeof(ts.channel_names) = 'array'
                THEN jsonb_array_length(ts.channel_names) > 0
                     AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(ts.channel_names) e WHERE jsonb_typeof(e) <> 'string')
                ELSE false END);
    SELECT count(*) INTO copied FROM c3d_technical_data;
    IF copied <> expected THEN
        RAISE EXCEPTION '020 verification failed: % sessions have technical values but % rows were copied', expected, copied;
    END IF;

    SELECT count(*) INTO bad_values
    FROM c3d_technical_data t
    LEFT JOIN therapy_sessions ts ON ts.id = t.session_id
    WHERE ts.id IS NULL
       OR t.original_sampling_rate IS DISTINCT FROM NULLIF(ts.original_sampling_rate, 0)
       OR t.original_duration_seconds IS DISTINCT FROM NULLIF(ts.original_duration_seconds, 0)
       OR t.original_sample_count IS DISTINCT FROM NULLIF(ts.original_sample_count, 0)
       OR t.channel_count IS DISTINCT FROM NULLIF(ts.channel_count, 0)
       OR t.sampling_rate IS DISTINCT FROM NULLIF(ts.original_sampling_rate, 0)
       OR t.duration_seconds IS DISTINCT FROM NULLIF(ts.original_duration_seconds, 0)
       OR t.frame_count IS NOT NULL
       OR t.extracted_at IS DISTINCT FROM COALESCE(ts.updated_at, ts.created_at, now())
       OR to_jsonb(t.channel_names) IS DISTINCT FROM
          (CASE WHEN jsonb_typeof(ts.channel_names) <> 'array' OR ts.channel_names IS NULL THEN '[]'::jsonb
                WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(ts.channel_names) e WHERE jsonb_typeof(e) <> 'string') THEN '[]'::jsonb
                ELSE ts.channel_names END);
    IF bad_values <> 0 THEN
        RAISE EXCEPTION '020 verification failed: % copied rows differ from their source', bad_values;
    END IF;

    SELECT count(*) INTO bad_legacy
    FROM therapy_sessions ts
    WHERE ts.channel_names IS NOT NULL
      AND NOT (CASE WHEN jsonb_typeof(ts.channel_names) = 'array'
                    THEN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(ts.channel_names) e WHERE jsonb_typeof(e) <> 'string')
                    ELSE false END)
      AND (ts.game_metadata -> 'legacy_channel_names') IS DISTINCT FROM ts.channel_names;
    IF bad_legacy <> 0 THEN
        RAISE EXCEPTION '020 verification failed: % non-array channel_names were not kept in game_metadata.legacy_channel_names', bad_legacy;
    END IF;
END
$verify$;

-- 4. Drop the technical columns.
ALTER TABLE therapy_sessions
    DROP COLUMN original_sampling_rate,
    DROP COLUMN original_duration_seconds,
    DROP COLUMN original_sample_count,
    DROP COLUMN channel_count,
    DROP COLUMN channel_names;

-- 5. The view, every therapy_sessions column listed (never ts.*).
CREATE VIEW therapy_sessions_with_technical AS
SELECT
    ts.id, ts.file_path, ts.file_hash, ts.file_size_bytes, ts.original_filename,
    ts.patient_id, ts.therapist_id, ts.session_id, ts.session_date,
    ts.processing_status, ts.processing_error_message, ts.processing_time_ms,
    ts.analytics_cache, ts.cache_hits, ts.game_metadata,
    ts.resolved_patient_id, ts.resolved_therapist_id, ts.resolved_session_date,
    ts.created_at, ts.updated_at, ts.processed_at, ts.last_accessed_at,
    ctd.original_sampling_rate, ctd.original_duration_seconds, ctd.original_sample_count,
    ctd.channel_count, ctd.channel_names,
    ctd.sampling_rate, ctd.duration_seconds, ctd.frame_count,
    ctd.extracted_at
FROM therapy_sessions ts
LEFT JOIN c3d_technical_data ctd ON ctd.session_id = ts.id;
