-- 100_session_list_ascending_indexes: the oldest-first pages of the session list's two date sorts served by an index too
-- (issue 14 leftover, BENCHMARKS.md "Migration 100"). The list orders `created_at ASC NULLS LAST, id ASC` (and the same
-- on session_date): NULLs last in both directions. The indexes of 090 hold `DESC NULLS LAST, id DESC`; read backwards
-- they give `ASC NULLS FIRST`, so PostgreSQL sorted every session for an oldest-first page. PostgreSQL does not treat
-- NULLS FIRST and LAST as the same order even on a NOT NULL column, and the predecessor's created_at and every
-- session_date may be NULL, so the query cannot ask for the other NULL order without changing its results: these two
-- indexes hold the ascending order itself. An adopted database gets them like a fresh one: they are on therapy_sessions,
-- whose row-level security and grants they do not change.
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_created_id_asc ON therapy_sessions (created_at ASC NULLS LAST, id ASC);
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_session_date_id_asc ON therapy_sessions (session_date ASC NULLS LAST, id ASC);
