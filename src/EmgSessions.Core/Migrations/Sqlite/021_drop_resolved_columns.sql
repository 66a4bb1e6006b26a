-- 021_drop_resolved_columns (system.md §2.3): the view is recreated around the drop.
DROP VIEW IF EXISTS therapy_sessions_with_technical;

ALTER TABLE therapy_sessions DROP COLUMN resolved_patient_id;
ALTER TABLE therapy_sessions DROP COLUMN resolved_therapist_id;
ALTER TABLE therapy_sessions DROP COLUMN resolved_session_date;

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
LEFT JOIN c3d_technical_data ctd ON ctd.session_id = ts.id;
