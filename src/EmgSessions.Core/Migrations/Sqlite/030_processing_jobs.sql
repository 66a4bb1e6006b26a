-- 030_processing_jobs: our durable queue (system.md §2.4, §4.1), the session indexes, and
-- updated_at maintained by a trigger on every update (the same rule as on PostgreSQL).
CREATE TABLE processing_jobs (
    session_id TEXT NOT NULL PRIMARY KEY REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    run_after TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    locked_by TEXT,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX idx_processing_jobs_run_after ON processing_jobs (run_after);
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_status_created ON therapy_sessions (processing_status, created_at);
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_patient_date ON therapy_sessions (patient_id, session_date DESC);

CREATE TRIGGER emgs_therapy_sessions_updated_at
AFTER UPDATE ON therapy_sessions
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE therapy_sessions SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- Sessions of an adopted database that still wait for processing get their job.
INSERT INTO processing_jobs (session_id)
SELECT id FROM therapy_sessions
WHERE processing_status IN ('pending', 'processing', 'reprocessing');
UPDATE therapy_sessions SET processing_status = 'pending' WHERE processing_status = 'processing';
