#!/usr/bin/env bash
# The PostgreSQL suites (test/server/*.pg.slow.test.ts) start a throwaway PostgreSQL 15 cluster
# with initdb/pg_ctl (test/server/pg-cluster.ts). Installs Debian's postgresql-15 where it is
# missing; the packaged cluster service is not needed and not started.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== postgresql: $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | head -1 || command -v initdb)"
  exit 0
fi
echo "== installing postgresql-15 (Debian)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql-15 >/dev/null
