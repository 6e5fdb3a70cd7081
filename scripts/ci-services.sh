#!/usr/bin/env bash
# System services for the tests that need them, from Debian's packages: PostgreSQL (ORM tests),
# Chromium (browser end-to-end tests) and redis-server (multi-process live tests; installed only: each
# suite starts its own on a free port, so nothing global is started here). Run as root by .ci/run;
# idempotent. Without root (a developer machine) it does nothing, and those tests report as skipped with
# the reason.
set -euo pipefail
if [ "$(id -u)" != "0" ]; then echo "ci-services: not root; PostgreSQL/Chromium/Redis tests will be skipped if the services are missing"; exit 0; fi

# /dev/null must be the null device. Some containers lose the node and get a regular file in its place:
# every `2>/dev/null` then appends to it, and every process that reads it gets that text back. cargo's
# compiler probe (`rustc -` with stdin on /dev/null) compiled a build script's error messages that way and
# failed the Rust suite. Put the device back.
if [ ! -c /dev/null ]; then
  echo "ci-services: /dev/null is a $(stat -c %F /dev/null), not the null device; recreating it"
  mknod -m 666 /dev/null.tessera c 1 3
  mv -f /dev/null.tessera /dev/null
fi

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "ci-services: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# PostgreSQL: start the distribution's cluster and create the test role and database.
cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='tessera'\" | grep -q 1 || psql -q -c \"CREATE ROLE tessera LOGIN SUPERUSER PASSWORD 'tessera'\""
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='tessera'\" | grep -q 1 || createdb -O tessera tessera"
echo "ci-services: PostgreSQL ready at postgres://tessera:tessera@127.0.0.1:5432/tessera"
echo "ci-services: Chromium at $(command -v chromium)"
echo "ci-services: redis-server at $(command -v redis-server) (tests start their own)"
