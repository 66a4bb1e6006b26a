-- 032_predecessor_types_and_privileges: the predecessor's therapists table, so that a therapist_id is recorded
-- only when it is the uuid of a known therapist (the same rule as on PostgreSQL, where therapist_id becomes a uuid
-- referencing it). SQLite cannot change a column's type in place: therapist_id stays TEXT. Row-level security is
-- a PostgreSQL (Supabase) matter: nothing to do here.
CREATE TABLE IF NOT EXISTS therapists (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
