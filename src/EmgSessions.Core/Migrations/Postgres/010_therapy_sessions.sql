-- 010_therapy_sessions: the predecessor's monolithic table, before the separation (system.md §2.1).
-- The NOT NULL technical columns are what made webhook inserts fail; 020 moves them out.
CREATE TABLE therapy_sessions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    file_path TEXT NOT NULL UNIQUE,
    file_hash TEXT NOT NULL UNIQUE,
    file_size_bytes BIGINT NOT NULL CHECK (file_size_bytes > 0),
    original_filename TEXT,
    patient_id TEXT,
    therapist_id TEXT,
    session_id TEXT,
    session_date TIMESTAMPTZ,
    processing_status TEXT NOT NULL DEFAULT 'pending'
        CHECK (processing_status IN ('pending', 'processing', 'completed', 'failed', 'reprocessing')),
    processing_error_message TEXT,
    processing_time_ms DOUBLE PRECISION CHECK (processing_time_ms >= 0),
    analytics_cache JSONB NOT NULL DEFAULT '{}',
    cache_hits INTEGER NOT NULL DEFAULT 0 CHECK (cache_hits >= 0),
    game_metadata JSONB NOT NULL DEFAULT '{}',
    original_sampling_rate REAL NOT NULL CHECK (original_sampling_rate > 0),
    original_duration_seconds REAL NOT NULL CHECK (original_duration_seconds > 0),
    original_sample_count INTEGER NOT NULL CHECK (original_sample_count > 0),
    channel_count INTEGER NOT NULL CHECK (channel_count > 0),
    channel_names JSONB NOT NULL DEFAULT '[]',
    resolved_patient_id TEXT,
    resolved_therapist_id TEXT,
    resolved_session_date TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at TIMESTAMPTZ,
    last_accessed_at TIMESTAMPTZ
);
