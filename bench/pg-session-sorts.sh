#!/usr/bin/env bash
# The session list's date sorts on PostgreSQL at 10,000 sessions (BENCHMARKS.md, "Migration 100"): EXPLAIN ANALYZE of the
# page's id query as the store writes it, upload time and recording date, newest and oldest first, first page and
# offset 5,000, nine runs each (sorted, milliseconds), with the plan's top node.
# Usage: bench/pg-session-sorts.sh 'postgresql://postgres@127.0.0.1:5432/db' — a database `emgs migrate` has migrated;
# an empty one is first seeded with 10,000 sessions (500 patients, 15 KB of analytics each, 1 in 37 without a date).
set -euo pipefail
url="${1:?usage: bench/pg-session-sorts.sh POSTGRESQL_URL}"
psql=(psql "$url" -qAt -v ON_ERROR_STOP=1)
if [ "$("${psql[@]}" -c 'SELECT count(*) FROM therapy_sessions')" = 0 ]; then
  "${psql[@]}" <<'SQL'
INSERT INTO therapy_sessions (file_path, file_hash, file_size_bytes, original_filename, patient_id, session_date, processing_status, analytics_cache, created_at)
SELECT format('P%s/s%s/f%s.c3d', lpad((i % 500)::text, 3, '0'), i, i), md5(i::text), 1000, format('f%s.c3d', i), format('P%s', lpad((i % 500)::text, 3, '0')),
       CASE WHEN i % 37 = 0 THEN NULL ELSE timestamptz '2023-01-01' + i * interval '17 minutes' END, 'completed',
       jsonb_build_object('x', repeat('a', 15000)), timestamptz '2024-01-01' + (i % 7000) * interval '3 minutes'
FROM generate_series(1, 10000) i;
INSERT INTO c3d_technical_data (session_id, duration_seconds, channel_count) SELECT id, 100, 2 FROM therapy_sessions;
ANALYZE;
SQL
fi
from="therapy_sessions ts LEFT JOIN c3d_technical_data ctd ON ctd.session_id = ts.id"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for column in created_at session_date; do
  for direction in DESC ASC; do
    for offset in 0 5000; do
      query="SELECT ts.id FROM $from WHERE true ORDER BY ts.$column $direction NULLS LAST, ts.id $direction LIMIT 25 OFFSET $offset"
      times=$(for _ in $(seq 9); do
        "${psql[@]}" -c "EXPLAIN (ANALYZE, FORMAT JSON) $query" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["Execution Time"])'
      done | sort -n | tr '\n' ' ')
      node=$("${psql[@]}" -c "EXPLAIN $query" | sed -n 2p | sed 's/ *(cost.*//; s/^ *-> *//')
      echo "$column $direction offset $offset | $node | ms: $times"
    done
  done
done
