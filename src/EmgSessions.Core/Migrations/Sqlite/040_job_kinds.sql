-- 040_job_kinds: a queue of many kinds of job (system.md §2.4, §4.1). A job has its own id, a kind (the name of the
-- handler that runs it), a JSON payload, an explicit state and a history of attempts; finished jobs are kept until
-- the retention cleanup removes them. A job may belong to a session (deleted with it). At most one job per kind and
-- dedup key is waiting or running (Phase 2: one per session). The jobs of processing_jobs are carried over as
-- "process-session" jobs, leases and attempts as they were, and processing_jobs is dropped.
CREATE TABLE jobs (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind <> ''),
    payload TEXT NOT NULL DEFAULT '{}',
    dedup_key TEXT,
    session_id TEXT REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    run_after TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    locked_by TEXT,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at TEXT
);

CREATE UNIQUE INDEX ux_jobs_active_dedup ON jobs (kind, dedup_key) WHERE dedup_key IS NOT NULL AND state IN ('pending', 'running');
CREATE INDEX idx_jobs_due ON jobs (run_after, created_at) WHERE state IN ('pending', 'running');
CREATE INDEX idx_jobs_session ON jobs (session_id);
CREATE INDEX idx_jobs_finished ON jobs (finished_at) WHERE state IN ('succeeded', 'failed', 'cancelled');

-- One row per claim: which worker, when, and how it ended (running, succeeded, retried, failed, abandoned).
CREATE TABLE job_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    worker_id TEXT NOT NULL,
    started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at TEXT,
    outcome TEXT NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'succeeded', 'retried', 'failed', 'abandoned')),
    error TEXT
);

CREATE INDEX idx_job_attempts_job ON job_attempts (job_id, attempt);

-- A random (version 4) uuid per carried-over job, in the text form the store writes.
INSERT INTO jobs (id, kind, payload, dedup_key, session_id, state, attempts, run_after, locked_by, locked_until, last_error, created_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
           || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
       'process-session', json_object('session_id', p.session_id), p.session_id, p.session_id,
       CASE WHEN p.locked_by IS NULL THEN 'pending' ELSE 'running' END,
       p.attempts, p.run_after, p.locked_by, p.locked_until, p.last_error, p.created_at
FROM processing_jobs p;

-- A job leased when the database was migrated: its attempt is under way.
INSERT INTO job_attempts (job_id, attempt, worker_id, outcome)
SELECT j.id, j.attempts, j.locked_by, 'running'
FROM jobs j
WHERE j.state = 'running' AND j.attempts > 0;

DROP TABLE processing_jobs;
