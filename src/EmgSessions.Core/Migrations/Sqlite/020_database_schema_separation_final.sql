-- 020_database_schema_separation_final (system.md §2.2), SQLite mapping, one transaction:
-- create c3d_technical_data, copy every technical value losslessly, verify, drop, create the view.

-- 1. The technical table, every column nullable; channel_names is a JSON array held as text.
CREATE TABLE c3d_technical_data (
    session_id TEXT NOT NULL PRIMARY KEY REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    original_sampling_rate REAL CHECK (original_sampling_rate IS NULL OR original_sampling_rate > 0),
    original_duration_seconds REAL CHECK (original_duration_seconds IS NULL OR original_duration_seconds > 0),
    original_sample_count INTEGER CHECK (original_sample_count IS NULL OR original_sample_count > 0),
    channel_count INTEGER CHECK (channel_count IS NULL OR channel_count > 0),
    channel_names TEXT DEFAULT '[]' CHECK (channel_names IS NULL OR json_type(channel_names) = 'array'),
    sampling_rate REAL CHECK (sampling_rate IS NULL OR sampling_rate > 0),
    duration_seconds REAL CHECK (duration_seconds IS NULL OR duration_seconds > 0),
    frame_count INTEGER CHECK (frame_count IS NULL OR frame_count > 0),
    extracted_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX idx_c3d_technical_data_sampling_rate ON c3d_technical_data (sampling_rate) WHERE sampling_rate IS NOT NULL;
CREATE INDEX idx_c3d_technical_data_channel_count ON c3d_technical_data (channel_count) WHERE channel_count IS NOT NULL;

-- The classification of channel_names used by every step below: 'strings' for a JSON array of
-- strings, 'legacy' for anything else that is not NULL (kept as it was), NULL for NULL.
CREATE TEMP TABLE emgs_020_names AS
SELECT id,
       CASE
           WHEN channel_names IS NULL THEN NULL
           WHEN json_valid(channel_names) AND json_type(channel_names) = 'array'
                AND NOT EXISTS (SELECT 1 FROM json_each(therapy_sessions.channel_names) WHERE type <> 'text') THEN 'strings'
           ELSE 'legacy'
       END AS kind,
       CASE WHEN channel_names IS NULL THEN NULL
            WHEN json_valid(channel_names) THEN json(channel_names)
            ELSE json_quote(channel_names) END AS names_json
FROM therapy_sessions;

-- 2. Copy. 0 becomes NULL; sampling_rate/duration_seconds take the original_* values (as Phase 2
-- writes them) and frame_count stays unknown.
INSERT INTO c3d_technical_data (
    session_id, original_sampling_rate, original_duration_seconds, original_sample_count,
    channel_count, channel_names, sampling_rate, duration_seconds, frame_count, extracted_at)
SELECT
    ts.id,
    NULLIF(ts.original_sampling_rate, 0),
    NULLIF(ts.original_duration_seconds, 0),
    NULLIF(ts.original_sample_count, 0),
    NULLIF(ts.channel_count, 0),
    CASE WHEN n.kind = 'strings' THEN n.names_json ELSE '[]' END,
    NULLIF(ts.original_sampling_rate, 0),
    NULLIF(ts.original_duration_seconds, 0),
    NULL,
    COALESCE(ts.updated_at, ts.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
FROM therapy_sessions ts
JOIN temp.emgs_020_names n ON n.id = ts.id
WHERE NULLIF(ts.original_sampling_rate, 0) IS NOT NULL
   OR NULLIF(ts.original_duration_seconds, 0) IS NOT NULL
   OR NULLIF(ts.original_sample_count, 0) IS NOT NULL
   OR NULLIF(ts.channel_count, 0) IS NOT NULL
   OR (n.kind = 'strings' AND json_array_length(n.names_json) > 0);

UPDATE therapy_sessions
SET game_metadata = json_set(
        CASE WHEN json_valid(game_metadata) AND json_type(game_metadata) = 'object' THEN game_metadata
             WHEN game_metadata IS NULL THEN '{}'
             WHEN json_valid(game_metadata) THEN json_object('legacy_game_metadata', json(game_metadata))
             ELSE json_object('legacy_game_metadata', game_metadata) END,
        '$.legacy_channel_names',
        json((SELECT n.names_json FROM temp.emgs_020_names n WHERE n.id = therapy_sessions.id)))
WHERE id IN (SELECT id FROM temp.emgs_020_names WHERE kind = 'legacy');

-- 3. Verify before dropping anything. SQLite has no RAISE outside triggers: each check inserts its
-- mismatch count into a table whose CHECK rejects anything but 0, which fails the statement, and the
-- runner rolls the whole migration back.
CREATE TEMP TABLE emgs_020_verification (
    what TEXT NOT NULL,
    mismatches INTEGER NOT NULL,
    CONSTRAINT migration_020_verification_failed CHECK (mismatches = 0)
);

INSERT INTO temp.emgs_020_verification (what, mismatches)
SELECT 'copied rows',
       (SELECT count(*) FROM therapy_sessions ts JOIN temp.emgs_020_names n ON n.id = ts.id
        WHERE NULLIF(ts.original_sampling_rate, 0) IS NOT NULL
           OR NULLIF(ts.original_duration_seconds, 0) IS NOT NULL
           OR NULLIF(ts.original_sample_count, 0) IS NOT NULL
           OR NULLIF(ts.channel_count, 0) IS NOT NULL
           OR (n.kind = 'strings' AND json_array_length(n.names_json) > 0))
       - (SELECT count(*) FROM c3d_technical_data);

INSERT INTO temp.emgs_020_verification (what, mismatches)
SELECT 'copied values', count(*)
FROM c3d_technical_data t
LEFT JOIN therapy_sessions ts ON ts.id = t.session_id
LEFT JOIN temp.emgs_020_names n ON n.id = t.session_id
WHERE ts.id IS NULL
   OR t.original_sampling_rate IS NOT NULLIF(ts.original_sampling_rate, 0)
   OR t.original_duration_seconds IS NOT NULLIF(ts.original_duration_seconds, 0)
   OR t.original_sample_count IS NOT NULLIF(ts.original_sample_count, 0)
   OR t.channel_count IS NOT NULLIF(ts.channel_count, 0)
   OR t.sampling_rate IS NOT NULLIF(ts.original_sampling_rate, 0)
   OR t.duration_seconds IS NOT NULLIF(ts.original_duration_seconds, 0)
   OR t.frame_count IS NOT NULL
   OR t.extracted_at IS NOT COALESCE(ts.updated_at, ts.created_at, t.extracted_at)
   OR t.channel_names IS NOT (CASE WHEN n.kind = 'strings' THEN json(ts.channel_names) ELSE '[]' END);

INSERT INTO temp.emgs_020_verification (what, mismatches)
SELECT 'legacy channel names', count(*)
FROM therapy_sessions ts
JOIN temp.emgs_020_names n ON n.id = ts.id
WHERE n.kind = 'legacy'
  AND CASE WHEN json_valid(ts.game_metadata)
           THEN json_type(ts.game_metadata, '$.legacy_channel_names') IS NOT json_type(n.names_json)
                OR json_extract(ts.game_metadata, '$.legacy_channel_names') IS NOT json_extract(n.names_json, '$')
           ELSE 1 END;

DROP TABLE temp.emgs_020_verification;
DROP TABLE temp.emgs_020_names;

-- 4. Drop the technical columns. ALTER TABLE ... DROP COLUMN (SQLite 3.35+) rewrites the table inside
-- this transaction and keeps every other column, including columns this schema does not know.
ALTER TABLE therapy_sessions DROP COLUMN original_sampling_rate;
ALTER TABLE therapy_sessions DROP COLUMN original_duration_seconds;
ALTER TABLE therapy_sessions DROP COLUMN original_sample_count;
ALTER TABLE therapy_sessions DROP COLUMN channel_count;
ALTER TABLE therapy_sessions DROP COLUMN channel_names;

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
