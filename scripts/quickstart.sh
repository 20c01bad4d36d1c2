#!/usr/bin/env bash
# Quick look from a fresh clone: builds the worker, imports the samples into a throwaway SQLite ledger, starts the
# worker on a loopback port and shows what it serves (health, status, allocations), then stops it with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d /tmp/ossfunding-quickstart.XXXXXX)
trap 'kill "${worker_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(( 20000 + RANDOM % 20000 ))

echo "== building"
dotnet build src/OssFunding.Worker -c Release --verbosity quiet -clp:ErrorsOnly -o "$work/bin"
settings=("--Storage:ConnectionString=Data Source=$work/ledger.db"
  "--Safe:Address=0x5aFE3855358E112B5647B952709E6165e1c1eEEe"
  "--Api:Urls=http://127.0.0.1:$port" "--Api:AdminToken=quickstart-admin-token")
worker() { dotnet "$work/bin/OssFunding.Worker.dll" "$@" "${settings[@]}"; }

echo "== importing samples into $work/ledger.db"
worker projects import samples/projects.csv
worker import samples/allocations-2025-01.csv

echo "== starting the worker on 127.0.0.1:$port"
# Started directly (not through the function) so that $! is the worker itself and SIGTERM reaches it.
dotnet "$work/bin/OssFunding.Worker.dll" run "${settings[@]}" >"$work/worker.log" 2>&1 &
worker_pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.5; done
for path in /health/live /health/ready /api/status "/api/allocations?period=2025-01"; do
  echo "-- GET $path"; curl -s "http://127.0.0.1:$port$path"; echo
done
kill -TERM "$worker_pid"; wait "$worker_pid" && echo "== worker stopped cleanly"
