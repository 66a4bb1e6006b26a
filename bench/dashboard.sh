#!/usr/bin/env bash
# The dashboard's figures of dashboard.md §3 that need a server and a browser (BENCHMARKS.md, "The dashboard"):
# signal window time seen by a client on loopback (200 warm requests, 2,400 points, Float32) and the session page of
# the 175 s recording in headless Chromium (first contentful paint, chart drawn, zoom response; five loads).
# Needs /usr/bin/chromium (./test.sh installs it). Writes artifacts/screenshots/timings.json and prints it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet test "$root/tests/EmgSessions.Tests" -c Release --nologo -v q --filter 'FullyQualifiedName~DashboardTimings'
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$root/artifacts/screenshots/timings.json"
