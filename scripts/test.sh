#!/usr/bin/env bash
# `npm test`: every test, for real. Installs the Debian packages it needs,
# starts PostgreSQL on loopback, then runs
#   1. unit + integration tests (SQLite and PostgreSQL) with Vitest,
#   2. kernel round trips and lab tests (network namespaces, real sshd),
#   3. Playwright end-to-end against a production build, on both databases.
# Needs root (namespaces, netfilter, apt). Exit code is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_HIDE_UPDATE_MESSAGE=1 NEXT_TELEMETRY_DISABLED=1 VITE_CONFIG_NATIVE_IGNORE_WARNING=true

if [ "$(id -u)" != 0 ]; then
  echo "npm test needs root: it installs Debian packages and builds network namespaces" >&2
  exit 1
fi
started=$(date +%s)
step() { echo; echo "== $* ($(( $(date +%s) - started ))s)"; }

step "Debian packages"
sh scripts/install-test-packages.sh

step "PostgreSQL"
pg_port=$(sh scripts/ensure-postgres.sh)
case "$pg_port" in
  ""|*[!0-9]*) echo "scripts/ensure-postgres.sh printed '$pg_port', not a port" >&2; exit 1 ;;
esac
echo "PostgreSQL on 127.0.0.1:$pg_port"
export BRANCHDESK_TEST_PG_URL="postgresql://branchdesk:branchdesk@127.0.0.1:${pg_port}/postgres"

step "Prisma clients"
npx tsx scripts/prepare-db.ts generate >/dev/null

step "type check"
npx tsc --noEmit -p .

step "unit + integration tests (SQLite and PostgreSQL)"
npx vitest run --project unit

step "kernel and lab tests (network namespaces, real sshd)"
npx vitest run --project lab

step "production build"
npx next build >/tmp/branchdesk-build.log 2>&1 || { tail -50 /tmp/branchdesk-build.log; exit 1; }

step "end-to-end (Playwright, Chromium, both databases)"
npx tsx scripts/e2e-run.ts

step "all tests passed in $(( $(date +%s) - started ))s"
