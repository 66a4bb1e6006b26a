-- 010_therapy_sessions: the predecessor's monolithic table, before the separation (system.md §2.1),
-- in the SQLite mapping of §2.5: UUID as lower-case text, JSON as text, timestamps as ISO-8601 UTC text with Z.
CREATE TABLE therapy_sessions (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))
        CHECK (id = lower(id) AND length(id) = 36),
    file_path TEXT NOT NULL UNIQUE,
    file_hash TEXT NOT NULL UNIQUE,
    file_size_bytes INTEGER NOT NULL CHECK (file_size_bytes > 0),
    original_filename TEXT,
    patient_id TEXT,
    therapist_id TEXT,
    session_id TEXT,
    session_date TEXT,
    processing_status TEXT NOT NULL DEFAULT 'pending'
        CHECK (processing_status IN ('pending', 'processing', 'completed', 'failed', 'reprocessing')),
    processing_error_message TEXT,
    processing_time_ms REAL CHECK (processing_time_ms >= 0),
    analytics_cache TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(analytics_cache)),
    cache_hits INTEGER NOT NULL DEFAULT 0 CHECK (cache_hits >= 0),
    game_metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(game_metadata)),
    original_sampling_rate REAL NOT NULL CHECK (original_sampling_rate > 0),
    original_duration_seconds REAL NOT NULL CHECK (original_duration_seconds > 0),
    original_sample_count INTEGER NOT NULL CHECK (original_sample_count > 0),
    channel_count INTEGER NOT NULL CHECK (channel_count > 0),
    channel_names TEXT NOT NULL DEFAULT '[]',
    resolved_patient_id TEXT,
    resolved_therapist_id TEXT,
    resolved_session_date TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    processed_at TEXT,
    last_accessed_at TEXT
);
