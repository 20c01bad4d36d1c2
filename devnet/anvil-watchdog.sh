#!/bin/sh
# Runs anvil as a child and stops it as soon as this script's standard input reaches end-of-file.
# The .NET host (OssFunding.Devnet.DevnetChain) holds the write end of that pipe: it closes it on
# dispose, and the kernel closes it when the host dies in any way (crash, SIGKILL, test host abort).
# anvil has no parent-death option, so this is what guarantees it never outlives its host.
#
# Usage: sh anvil-watchdog.sh <anvil binary> [anvil arguments...]
# Prints "anvil-pid <pid>" on stdout once anvil is started; exits with anvil's exit status.
set -u
anvil="$1"
shift

# Keep our stdin on fd 3: a background list in a non-interactive shell gets /dev/null as stdin otherwise.
exec 3<&0

"$anvil" "$@" </dev/null 3<&- &
anvil_pid=$!
echo "anvil-pid $anvil_pid"

# The builtin `read` (not cat) keeps the watcher a single shell process, so killing it leaves nothing behind.
(
  while read -r _ <&3; do :; done
  kill -TERM "$anvil_pid" 2>/dev/null
) &
watcher_pid=$!
exec 3<&-

wait "$anvil_pid"
status=$?
kill "$watcher_pid" 2>/dev/null
exit "$status"
