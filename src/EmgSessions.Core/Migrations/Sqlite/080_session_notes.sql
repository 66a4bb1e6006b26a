-- 080_session_notes: notes people write on a session (dashboard.md §1), append-only from the API: each row is who wrote
-- it (the actor's name), when and the text (at most 4,000 characters). Deleting the session deletes its notes. The
-- predecessor's single therapy_sessions.notes column, where an adopted database has it, is read beside these, never written.
CREATE TABLE IF NOT EXISTS session_notes (
    id TEXT NOT NULL PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_session_notes_session ON session_notes (session_id, created_at);
