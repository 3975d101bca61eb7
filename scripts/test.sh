#!/usr/bin/env bash
# `npm test`: every test, for real, tier by tier (lib/testing/tiers.ts):
#   0. type check, then lint and format (scripts/lint.sh)
#   1. pure         no database, socket or process            (vitest --project pure)
#   2. integration  SQLite and PostgreSQL, loopback sshd       (vitest --project integration)
#   3. root         network namespaces, netfilter, the lab     (vitest --project root)
#   4. the production build, then Playwright end to end on both databases.
# As root it first installs the Debian packages the tests run and starts
# PostgreSQL on loopback. Without root, or without PostgreSQL, what cannot run
# is skipped with a banner naming it and why; with CI set that fails instead:
# CI runs as root and must run everything. Exit code is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_HIDE_UPDATE_MESSAGE=1 NEXT_TELEMETRY_DISABLED=1 VITE_CONFIG_NATIVE_IGNORE_WARNING=true

started=$(date +%s)
step() { echo; echo "== $* ($(( $(date +%s) - started ))s)"; }
banner() {
  local bar; bar=$(printf '#%.0s' $(seq 100))
  printf '\n%s\n' "$bar"; printf '## %s\n' "$@"; printf '%s\n\n' "$bar"
}
root=no; [ "$(id -u)" = 0 ] && root=yes
not_run=""; [ "$root" = yes ] || not_run=" the root tier and the lab's Playwright spec (not root);"
case "${CI:-}" in ""|false|0) ci=no ;; *) ci=yes ;; esac
if [ "$ci" = yes ] && [ "$root" = no ]; then
  banner "CI is set, and CI must run every tier: run npm test as root (uid is $(id -u))"
  exit 1
fi

step "Debian packages"
if [ "$root" = yes ]; then
  sh scripts/install-test-packages.sh
elif ! sh scripts/install-test-packages.sh; then
  banner "Debian packages are missing (listed above) and only root can install them:" \
    "the tests that run those programs will fail"
fi

step "PostgreSQL"
if [ "$root" = yes ]; then
  pg_port=$(sh scripts/ensure-postgres.sh)
  case "$pg_port" in
    ""|*[!0-9]*) echo "scripts/ensure-postgres.sh printed '$pg_port', not a port" >&2; exit 1 ;;
  esac
  echo "PostgreSQL on 127.0.0.1:$pg_port"
  export BRANCHDESK_TEST_PG_URL="postgresql://branchdesk:branchdesk@127.0.0.1:${pg_port}/postgres"
elif [ -n "${BRANCHDESK_TEST_PG_URL:-}" ]; then
  echo "PostgreSQL from BRANCHDESK_TEST_PG_URL"
else
  banner "PostgreSQL not started: that needs root (scripts/ensure-postgres.sh), and BRANCHDESK_TEST_PG_URL is unset." \
    "NOT RUN: the PostgreSQL half of the integration tier and of Playwright"
  not_run="$not_run the PostgreSQL half of integration and Playwright (no BRANCHDESK_TEST_PG_URL);"
fi

step "Prisma clients"
npx tsx scripts/prepare-db.ts generate >/dev/null

step "type check"
npx tsc --noEmit -p .

step "lint and format (eslint, prettier, shellcheck, 120 columns)"
sh scripts/lint.sh

step "tier 1: pure"
npx vitest run --project pure

step "tier 2: integration (SQLite and PostgreSQL, loopback sshd)"
npx vitest run --project integration

step "tier 3: root (network namespaces, netfilter, the branch lab)"
npx vitest run --project root

step "production build"
npx next build >/tmp/branchdesk-build.log 2>&1 || { tail -50 /tmp/branchdesk-build.log; exit 1; }

step "end-to-end (Playwright, Chromium)"
if [ -n "${BRANCHDESK_TEST_PG_URL:-}" ]; then
  npx tsx scripts/e2e-run.ts
else
  npx tsx scripts/e2e-run.ts sqlite
  banner "NOT RUN: Playwright on PostgreSQL (BRANCHDESK_TEST_PG_URL is unset); it ran on SQLite only"
fi

if [ -n "$not_run" ]; then
  step "passed, but NOT RUN here:$not_run see the banners above"
  banner "NOT RUN here:$not_run" "a green run without root and PostgreSQL proves only what ran"
else
  step "all tests passed in $(( $(date +%s) - started ))s"
fi
