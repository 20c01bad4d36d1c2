#!/usr/bin/env bash
# Runs every test project from a fresh clone: installs the devnet npm packages, restores NuGet, starts a
# throwaway PostgreSQL, runs the tests and ends with one line "N passed, N failed" summed over all projects.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== devnet: npm packages (anvil, Safe contracts, solc)"
(cd devnet && if [[ -f package-lock.json ]]; then npm ci --legacy-peer-deps --no-audit --no-fund --loglevel=error;
  else npm install --legacy-peer-deps --no-audit --no-fund --loglevel=error; fi)

echo "== NuGet restore and build"
dotnet restore OssFunding.Worker.sln --verbosity quiet
dotnet build OssFunding.Worker.sln --no-restore -warnaserror --verbosity quiet -clp:ErrorsOnly

echo "== PostgreSQL"
source scripts/postgres.sh
trap pg_stop EXIT
pg_start

anvil_before=$(pgrep -c -x anvil || true)
results=$(mktemp -d)
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  [[ "$name" == *TestSupport* ]] && continue
  echo "== $name"
  set +e
  dotnet test "$project" --no-build --logger "trx;LogFileName=$results/$name.trx" \
    -- RunConfiguration.TestSessionTimeout=900000 >"$results/$name.log" 2>&1
  rc=$?
  set -e
  if [[ $rc -ne 0 ]]; then cat "$results/$name.log"; status=1; else grep -E "Passed!|Failed!|No test" "$results/$name.log" || true; fi
done

anvil_after=$(pgrep -c -x anvil || true)
if (( anvil_after > anvil_before )); then
  echo "orphan anvil processes left by the tests: $((anvil_after - anvil_before))" >&2
  status=1
fi

# Sum the counters of every TRX file: <Counters total=".." executed=".." passed=".." failed=".." error=".." ...>
counter() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
passed=$(counter passed)
failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
trx_count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
project_count=$(ls tests/*/*.csproj | grep -vc TestSupport)
if (( trx_count < project_count )); then
  echo "only $trx_count of $project_count test projects produced results" >&2
  status=1
fi
(( failed == 0 )) || status=1
echo "$passed passed, $failed failed"
exit $status
