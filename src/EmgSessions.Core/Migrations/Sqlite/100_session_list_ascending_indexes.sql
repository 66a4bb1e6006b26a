-- 100_session_list_ascending_indexes: nothing to do on SQLite, kept so that both engines number their migrations alike.
-- PostgreSQL needs an ascending index for the oldest-first pages of the two date sorts (its 100); SQLite already reads
-- them from the indexes of 090: it scans the index backwards and reads a nullable key's NULLs in a second pass, so
-- `ORDER BY session_date ASC NULLS LAST, id ASC` is `SCAN ts USING COVERING INDEX idx_therapy_sessions_session_date_id`
-- with no temp B-tree (SessionListOrderTests).
SELECT 1;
