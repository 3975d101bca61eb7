#!/bin/sh
# Installs the locked npm dependencies when they are missing or older than
# package-lock.json, so `npm start` and `npm test` work on a fresh clone.
set -eu
cd "$(dirname "$0")/.."
# (find -newer: POSIX sh has no test -nt)
if [ ! -f node_modules/.package-lock.json ] ||
  [ -n "$(find package-lock.json -newer node_modules/.package-lock.json)" ]; then
  echo "installing npm dependencies (npm ci; better-sqlite3 compiles from source, ~5 min)..." >&2
  npm ci --no-audit --no-fund >&2
fi
