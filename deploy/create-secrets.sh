#!/usr/bin/env bash
# Writes the generated secret files compose.yaml mounts: the PostgreSQL password, the worker's connection string
# with that password, and the API admin and read tokens (random, 32 bytes hex each), plus the Grafana admin
# password of deploy/compose.grafana.yaml. Existing files are kept, so
# running it again changes nothing; delete a file to have it generated anew.
#
#   bash deploy/create-secrets.sh [FOLDER]      (default: deploy/secrets next to this script)
#
# The folder is made private to you (0700). The files are 0644 inside it because compose bind-mounts them as they
# are and the worker runs as the image's non-root user, which must be able to read them; nobody else on the host
# can reach them through the private folder.
set -euo pipefail
folder=${1:-"$(cd "$(dirname "$0")" && pwd)/secrets"}
mkdir -p "$folder"
chmod 0700 "$folder"

random_hex() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

write_once() {
  local name=$1 value=$2
  if [[ -s "$folder/$name" ]]; then
    echo "kept     $folder/$name"
    return
  fi
  (umask 022; printf '%s' "$value" >"$folder/$name")
  echo "created  $folder/$name"
}

write_once postgres_password "$(random_hex)"
# The connection string must carry the password PostgreSQL was initialised with, so it is built from the file.
write_once connection_string "Host=postgres;Port=5432;Database=ossfunding;Username=ossfunding;Password=$(cat "$folder/postgres_password")"
write_once admin_token "$(random_hex)"
write_once read_token "$(random_hex)"
# Only deploy/compose.grafana.yaml mounts it; harmless without that add-on.
write_once grafana_admin_password "$(random_hex)"
