-- 090_session_list_indexes: the session list's two date sorts served by an index (issue 14, BENCHMARKS.md "The Sessions
-- page with 10,000 sessions"). Each index holds the sort key and the id that breaks its ties, in the order of the list's
-- default (newest first, NULLs last: the predecessor's created_at and every session_date may be NULL), so the first
-- pages are read from the index instead of sorting every session. An adopted database gets them like a fresh one: they
-- are on therapy_sessions, whose row-level security and grants they do not change.
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_created_id ON therapy_sessions (created_at DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_session_date_id ON therapy_sessions (session_date DESC NULLS LAST, id DESC);
