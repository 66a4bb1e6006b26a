-- 030_processing_jobs: our durable queue (system.md §2.4, §4.1), the session indexes, and
-- updated_at maintained by a trigger on every update.
CREATE TABLE processing_jobs (
    session_id UUID PRIMARY KEY REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    run_after TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_by TEXT,
    locked_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_processing_jobs_run_after ON processing_jobs (run_after);
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_status_created ON therapy_sessions (processing_status, created_at);
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_patient_date ON therapy_sessions (patient_id, session_date DESC);

CREATE OR REPLACE FUNCTION emgs_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $touch$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END
$touch$;

CREATE TRIGGER emgs_therapy_sessions_updated_at
    BEFORE UPDATE ON therapy_sessions
    FOR EACH ROW EXECUTE FUNCTION emgs_touch_updated_at();

-- Sessions of an adopted database that still wait for processing get their job.
INSERT INTO processing_jobs (session_id, run_after, created_at)
SELECT id, now(), now() FROM therapy_sessions
WHERE processing_status IN ('pending', 'processing', 'reprocessing');
UPDATE therapy_sessions SET processing_status = 'pending' WHERE processing_status = 'processing';
