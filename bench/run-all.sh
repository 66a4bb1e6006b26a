#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md on this machine. Writes into ${OUT:-./bench-results}.
# Needs the .NET 10 SDK; the PostgreSQL runs need EMGS_TEST_POSTGRES (Npgsql keywords of a server where
# databases may be created), e.g. the one ./test.sh starts, or: bench/run-all.sh --no-postgres.
# All traffic goes to 127.0.0.1; every run is bounded (--timeout) and stops by itself.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/bench-results}"
mkdir -p "$out"
postgres=1
[ "${1:-}" = "--no-postgres" ] && postgres=0

dotnet build "$root/tools/EmgSessions.LoadTest" -c Release --nologo -v q
emgs=(dotnet "$root/src/EmgSessions/bin/Release/net10.0/emgs.dll")
# The load test is its own program (tools/EmgSessions.LoadTest); it starts the emgs.dll built beside it.
loadtest=(dotnet "$root/tools/EmgSessions.LoadTest/bin/Release/net10.0/emgs-loadtest.dll")

echo "== machine" | tee "$out/machine.txt"
{ grep -m1 'model name' /proc/cpuinfo; nproc; uptime; } | tee -a "$out/machine.txt"

echo "== emgs bench (read + analyse, median of in-process runs) on the shared samples"
"${emgs[@]}" bench "$root"/../shared/samples/*.c3d --json | tee "$out/emgs-bench.json"
echo "== the same pinned to one core (single-threaded analysis; the like-for-like comparison with the predecessor)"
"${emgs[@]}" bench "$root"/../shared/samples/*.c3d --json --cores 1 | tee "$out/emgs-bench-1core.json"

echo "== load test, SQLite, one process, worker-slot series (default 200 recordings at 100/s)"
"${loadtest[@]}" --workers 0,1,2,4,8 --out "$out/loadtest-sqlite.json"

echo "== load test, SQLite, capacity (600 recordings at 200/s)"
"${loadtest[@]}" --recordings 600 --rate 200 --workers 2 --out "$out/loadtest-sqlite-capacity.json"

if [ "$postgres" = 1 ]; then
  : "${EMGS_TEST_POSTGRES:?set EMGS_TEST_POSTGRES or pass --no-postgres}"
  echo "== load test, PostgreSQL, two processes, worker-slot series"
  "${loadtest[@]}" --no-sqlite --postgres "$EMGS_TEST_POSTGRES" --processes 2 --workers 1,2,4 --out "$out/loadtest-postgres.json"
fi

echo "== cohort export over the real row source (10,000 and 100,000 rows; one process per export)"
dotnet build "$root/benchmarks/EmgSessions.Benchmarks" -c Release --nologo -v q
bench="$root/benchmarks/EmgSessions.Benchmarks/bin/Release/net10.0/EmgSessions.Benchmarks"
cohort="$(mktemp -d /tmp/emgs-cohort-bench.XXXXXX)"
for sessions in 5000 50000; do
  "$bench" cohort-store-memory seed "sqlite:$cohort/s$sessions.db" "$sessions"
  for format in csv parquet; do
    "$bench" cohort-store-memory export "sqlite:$cohort/s$sessions.db" "$format" | tee -a "$out/cohort-store.txt"
  done
done
rm -rf "$cohort"

echo "== BenchmarkDotNet (short job; drop --job short for the full statistics)"
filters=('*C3dReaderBenchmarks*' '*EmgAnalysisBenchmarks*')
[ "$postgres" = 1 ] && filters+=('*SessionStoreBenchmarks*')
dotnet run -c Release --project "$root/benchmarks/EmgSessions.Benchmarks" -- --filter "${filters[@]}" --job short --artifacts "$out/bdn"
echo "results in $out"
