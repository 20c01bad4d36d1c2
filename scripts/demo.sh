#!/usr/bin/env bash
# The README's first command, from a fresh clone: installs the devnet npm packages (anvil, the real Safe contracts, solc)
# when they are missing, then runs `demo`: a local chain with a 3-of-5 Safe, the samples imported, drafted, signed by
# three owners, executed and confirmed by the real worker, with a summary. Leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ ! -x devnet/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil || ! -d devnet/node_modules/@safe-global ]]; then
  echo "== devnet: installing npm packages (anvil, Safe contracts, solc)"
  (cd devnet && npm ci --legacy-peer-deps --no-audit --no-fund --loglevel=error)
fi

dotnet run --project src/OssFunding.Worker -- demo "$@"
