#!/usr/bin/env bash
# Installs the Debian packages CI needs: PostgreSQL 15 + PostGIS 3 for the integration tests, Chromium and CJK
# fonts for the browser tests. Idempotent: does nothing when everything is already installed.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(postgresql postgresql-15-postgis-3 chromium fonts-noto-cjk)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then missing+=("$p"); fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "already installed: ${PACKAGES[*]}"
else
  echo "installing: ${missing[*]}"
  APT_OPTS=(-q -o Acquire::Retries=3)
  for attempt in 1 2 3; do
    if as_root apt-get update "${APT_OPTS[@]}"; then break; fi
    if [ "$attempt" -eq 3 ]; then echo "apt-get update failed 3 times" >&2; exit 1; fi
    echo "apt-get update failed (attempt $attempt); retrying in 10 s" >&2
    sleep 10
  done
  as_root apt-get install -y "${APT_OPTS[@]}" --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
fi

test -x /usr/lib/postgresql/15/bin/postgres || { echo "PostgreSQL 15 binaries missing" >&2; exit 1; }
test -x /usr/bin/chromium || { echo "/usr/bin/chromium missing" >&2; exit 1; }
# Debian's chromium wrapper prints a harmless shell warning on some machines; keep only the version line.
/usr/bin/chromium --version 2>/dev/null || true
/usr/lib/postgresql/15/bin/postgres --version
