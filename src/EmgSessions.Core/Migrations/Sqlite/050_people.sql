-- 050_people: patients, local user accounts and the audit trail (access.md §2-§4), in the SQLite mapping of
-- system.md §2.5 (uuid and dates as text). therapists exists since 032; patients has the predecessor's columns (names,
-- date of birth and therapist may be empty until known) and the targets per side.
CREATE TABLE IF NOT EXISTS patients (
    id TEXT NOT NULL PRIMARY KEY CHECK (id = lower(id) AND length(id) = 36),
    therapist_id TEXT REFERENCES therapists (id),
    patient_code TEXT NOT NULL UNIQUE CHECK (length(trim(patient_code)) > 0),
    first_name TEXT,
    last_name TEXT,
    date_of_birth TEXT,
    treatment_start_date TEXT,
    current_mvc75_ch1 REAL CHECK (current_mvc75_ch1 > 0),
    current_mvc75_ch2 REAL CHECK (current_mvc75_ch2 > 0),
    current_target_ch1_ms REAL CHECK (current_target_ch1_ms > 0),
    current_target_ch2_ms REAL CHECK (current_target_ch2_ms > 0),
    target_contractions_ch1 INTEGER CHECK (target_contractions_ch1 > 0),
    target_contractions_ch2 INTEGER CHECK (target_contractions_ch2 > 0),
    target_bfr_percent REAL CHECK (target_bfr_percent > 0 AND target_bfr_percent <= 100),
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX IF NOT EXISTS idx_patients_therapist_id ON patients (therapist_id);

CREATE TABLE users (
    id TEXT NOT NULL PRIMARY KEY CHECK (id = lower(id) AND length(id) = 36),
    email TEXT NOT NULL CHECK (length(trim(email)) > 0),
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'therapist', 'researcher')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    therapist_id TEXT,
    supabase_user_id TEXT UNIQUE,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until TEXT,
    last_sign_in_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- The audit trail: append-only; UPDATE and DELETE are refused by the triggers below.
CREATE TABLE audit_events (
    id TEXT NOT NULL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT,
    action TEXT NOT NULL,
    subject_type TEXT,
    subject_id TEXT,
    ip TEXT,
    details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);

CREATE INDEX idx_audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX idx_audit_events_subject ON audit_events (subject_type, subject_id);
CREATE INDEX idx_audit_events_actor ON audit_events (actor);

CREATE TRIGGER emgs_audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is refused');
END;

CREATE TRIGGER emgs_audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is refused');
END;
