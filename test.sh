#!/usr/bin/env bash
# Runs every test of EmgSessions on a fresh machine:
#  1. installs what is missing (PostgreSQL server binaries, Chromium for the browser tests) when run as root;
#  2. starts a throwaway PostgreSQL on a free loopback port (stopped and deleted on exit);
#  3. builds the solution (warnings are errors), checks formatting, and runs all test projects.
# Exit code: 0 when everything passed, non-zero otherwise.
# Options: --filter EXPR (passed to dotnet test), --no-postgres (do not start a server; PostgreSQL tests then fail).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

filter=""
start_postgres=1
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter="$2"; shift 2 ;;
    --no-postgres) start_postgres=0; shift ;;
    *) echo "test.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

say() { printf '== %s\n' "$*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet not found on PATH)." >&2
  exit 1
fi
if [ ! -d ../shared/samples ] && [ -z "${EMGS_SHARED:-}" ]; then
  echo "test.sh: the shared test data is missing: clone the project beside 'shared/' or set EMGS_SHARED." >&2
  exit 1
fi

# --- PostgreSQL -------------------------------------------------------------------------------
pg_bin=""
find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && pg_bin="$d"
  done
  if [ -z "$pg_bin" ] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    pg_bin="$(dirname "$(command -v pg_ctl)")"
  fi
  [ -n "$pg_bin" ]
}

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  return 1
}

if [ "$start_postgres" = 1 ]; then
  if ! find_pg_bin; then
    if [ "$(id -u)" = 0 ]; then
      say "installing PostgreSQL (apt-get install postgresql)"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      find_pg_bin || { echo "test.sh: PostgreSQL was installed but initdb/pg_ctl were not found." >&2; exit 1; }
    else
      echo "test.sh: PostgreSQL server binaries (initdb, pg_ctl) are missing; install the 'postgresql' package or run as root." >&2
      exit 1
    fi
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  pg_dir="$(mktemp -d /tmp/emgs-pg.XXXXXX)"
  chmod 755 "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  port="$(free_port)"
  say "starting a throwaway PostgreSQL ($pg_bin) on 127.0.0.1:$port"
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; exit 1; }
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null || { cat "$pg_dir/server.log" >&2; exit 1; }
  export EMGS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  export EMGS_TEST_PG_BIN="$pg_bin" EMGS_TEST_PG_DATA="$pg_dir/data"
fi

# --- Node.js and npm (the build fetches the dashboard's chart library from the npm registry) ----------
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Node.js and npm for the dashboard's front-end packages (apt-get install nodejs npm)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "test.sh: npm is missing (install the 'nodejs' and 'npm' packages or run as root); the build needs it." >&2
    exit 1
  fi
fi

# --- Chromium (browser tests: the dashboard and printed reports) ----------------------------------
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Chromium for the browser tests (apt-get install chromium chromium-driver)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "test.sh: /usr/bin/chromium is missing (install the 'chromium' package or run as root); the browser tests will fail." >&2
  fi
fi

# --- build and test ---------------------------------------------------------------------------
say "building (Release, warnings are errors)"
dotnet build EmgSessions.sln -c Release --nologo -v quiet -clp:ErrorsOnly

say "checking formatting (dotnet format --verify-no-changes; fix with: dotnet format EmgSessions.sln)"
dotnet format EmgSessions.sln --verify-no-changes --no-restore -v quiet

say "running the tests"
results="$(mktemp -d /tmp/emgs-tests.XXXXXX)"
status=0
test_args=(test EmgSessions.sln -c Release --no-build --nologo --blame-hang-timeout 10m
  --logger "trx" --results-directory "$results")
[ -n "$filter" ] && test_args+=(--filter "$filter")
dotnet "${test_args[@]}" || status=$?

# One closing line over all test projects, counted from the trx files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  n="$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
rm -rf "$results"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
