-- 090_session_list_indexes: the session list's two date sorts served by an index (issue 14, BENCHMARKS.md "The Sessions
-- page with 10,000 sessions"). Without them SQLite sorted every row of the list for a page: created_at lies behind the
-- analytics in the row, so ordering by upload time read each row's overflow pages (370–750 ms for the page at 10,000
-- sessions). Each index holds the sort key and the id that breaks its ties, so the page's ids come from the index alone,
-- read forwards for newest first and backwards for oldest first. NULL session dates sort last either way, as before.
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_created_id ON therapy_sessions (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_therapy_sessions_session_date_id ON therapy_sessions (session_date DESC, id DESC);
