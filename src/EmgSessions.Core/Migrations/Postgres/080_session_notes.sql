-- 080_session_notes: notes people write on a session (dashboard.md §1), append-only from the API: each row is who wrote
-- it (the actor's name), when and the text (at most 4,000 characters). Deleting the session deletes its notes. The
-- predecessor's single therapy_sessions.notes column, where an adopted database has it, is read beside these, never written.
CREATE TABLE IF NOT EXISTS session_notes (
    id UUID NOT NULL PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES therapy_sessions(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    text TEXT NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_session_notes_session ON session_notes (session_id, created_at);

-- Supabase: notes are health data written by people, so anon and authenticated get row-level security and no grants (as 032).
DO $privileges$
DECLARE
    role_list TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
        RETURN;
    END IF;

    role_list := 'anon' || CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN ', authenticated' ELSE '' END;
    ALTER TABLE session_notes ENABLE ROW LEVEL SECURITY;
    EXECUTE format('REVOKE ALL ON TABLE session_notes FROM %s', role_list);
END
$privileges$;
