#!/usr/bin/env bash
# Runs every test project from a fresh clone: installs the devnet npm packages, restores NuGet, starts a
# throwaway PostgreSQL, runs the tests and ends with one line "N passed, N failed" summed over all projects.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== devnet: npm packages (anvil, Safe contracts, solc)"
(cd devnet && if [[ -f package-lock.json ]]; then npm ci --legacy-peer-deps --no-audit --no-fund --loglevel=error;
  else npm install --legacy-peer-deps --no-audit --no-fund --loglevel=error; fi)

echo "== promtool (the Prometheus rule tests of deploy/prometheus run it)"
if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found: installing it from Debian's prometheus package" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >&2
fi
promtool --version 2>&1 | sed -n 1p

echo "== chromium (the signer page browser test drives Debian's build headless; no browser is ever downloaded)"
if [[ ! -x /usr/bin/chromium ]]; then
  echo "/usr/bin/chromium not found: installing Debian's chromium package" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
fi
/usr/bin/chromium --version 2>/dev/null | sed -n 1p || true

echo "== NuGet restore and build"
dotnet restore OssFunding.Worker.sln --verbosity quiet
dotnet build OssFunding.Worker.sln --no-restore -warnaserror --verbosity quiet -clp:ErrorsOnly

echo "== dependency audit (docs/security.md): no known-vulnerable NuGet package; npm audit of devnet/ reported"
# The audit is only as good as the vulnerability data of the package sources: a source whose service index has no
# VulnerabilityInfo resource (a mirror) makes "no vulnerable packages" say nothing, so that is reported as not checked.
if audit=$(dotnet list OssFunding.Worker.sln package --vulnerable --include-transitive 2>&1); then
  if grep -q "has the following vulnerable packages" <<<"$audit"; then
    echo "$audit"; echo "known-vulnerable NuGet packages are referenced (listed above)" >&2; exit 1
  fi
  for source in $(grep -oE "^ +https?://\S+" <<<"$audit"); do
    if curl -fsS --max-time 20 "$source" | grep -q '"VulnerabilityInfo/'; then
      echo "NuGet: no known-vulnerable package in $(grep -c "has no vulnerable packages" <<<"$audit") projects ($source)"
    else
      echo "NuGet: $source publishes no vulnerability data here: packages not audited against it"
    fi
  done
else
  echo "$audit" | tail -n 5; echo "NuGet vulnerability audit could not run: not checked" >&2
fi
# devnet/ is test tooling (anvil, Safe contracts, solc), not shipped: its audit is reported, never fatal.
npm_audit=$(cd devnet && timeout 120 npm audit --omit=dev --no-fund 2>&1 || true)
if grep -q "audit endpoint returned an error" <<<"$npm_audit"; then
  echo "npm audit: the npm registry here has no audit endpoint; devnet/ not audited"
else
  echo "npm audit: $(grep -E "vulnerabilit" <<<"$npm_audit" | tail -n 1)"
fi

echo "== PostgreSQL"
source scripts/postgres.sh
trap pg_stop EXIT
pg_start

anvil_before=$(pgrep -c -x anvil || true)
results=$(mktemp -d)
status=0

# Test projects run side by side (TEST_JOBS at a time, default 3): most of their time is spent waiting on anvil
# blocks, worker processes and PostgreSQL, not on the CPU. The slowest start first so the run ends with short ones.
run_project() {
  local project=$1 name
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --logger "trx;LogFileName=$results/$name.trx" \
    -- RunConfiguration.TestSessionTimeout=900000 >"$results/$name.log" 2>&1
  echo $? >"$results/$name.rc"
  echo "== $name: $(grep -hE "Passed!|Failed!|No test" "$results/$name.log" | head -n 1 || true)"
}
export -f run_project
export results
slow_first="EndToEnd Worker Reports Chain Notifications Pipeline Safe.IntegrationTests TransactionService Core Safe.Tests"
ordered=()
for key in $slow_first; do
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    [[ "$name" == *TestSupport* || "$name" != "OssFunding.$key"* ]] && continue
    [[ " ${ordered[*]} " == *" $project "* ]] || ordered+=("$project")
  done
done
for project in tests/*/*.csproj; do   # any project the list above does not name yet
  [[ "$project" == *TestSupport* || " ${ordered[*]} " == *" $project "* ]] || ordered+=("$project")
done
printf '%s\n' "${ordered[@]}" | xargs -P "${TEST_JOBS:-3}" -I{} bash -c 'run_project "$1"' _ {}

for project in "${ordered[@]}"; do
  name=$(basename "$project" .csproj)
  if [[ "$(cat "$results/$name.rc" 2>/dev/null)" != "0" ]]; then
    echo "== $name failed: its output follows"; cat "$results/$name.log"; status=1
  fi
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
