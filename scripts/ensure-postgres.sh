#!/bin/sh
# Starts a local PostgreSQL on loopback (scripts/install-test-packages.sh
# installs it, from scripts/test-programs.txt), and makes
# sure the role `branchdesk` (CREATEDB, for Prisma's shadow database) exists.
# Prints the port on stdout and nothing else: everything the tools it runs
# print goes to stderr (pg_ctlcluster writes notices such as "Removed stale pid
# file." to stdout, which once became part of the port). Idempotent. Needs root.
set -eu

ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: run scripts/install-test-packages.sh (as root) first"
    exit 1
  fi

  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
    pg_ctlcluster "$version" main start
  fi

  port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
  case "$port" in
    ""|*[!0-9]*) echo "could not read the PostgreSQL port from pg_lsclusters (got: $port)"; exit 1 ;;
  esac
  # Wait until it accepts connections (first start can take a moment).
  i=0
  until su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -gt 60 ] && { echo "postgresql did not start"; exit 1; }
    sleep 0.5
  done
  su postgres -c "psql -p $port -qAtc \"DO \\\$\\\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'branchdesk') THEN
      CREATE ROLE branchdesk LOGIN CREATEDB PASSWORD 'branchdesk';
    END IF; END \\\$\\\$;\"" >/dev/null
  # Test databases are dropped WITH (FORCE); an autovacuum worker on one must be
  # terminable by the role that owns it.
  su postgres -c "psql -p $port -qAtc 'GRANT pg_signal_backend TO branchdesk'" >/dev/null
}

ensure_postgres >&2
echo "$port"
