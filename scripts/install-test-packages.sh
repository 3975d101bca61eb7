#!/bin/sh
# Installs the Debian packages that provide every program listed in
# scripts/test-programs.txt (the one list of what `npm test` and `npm start`
# run), when any of them is missing. Needs root to install.
set -eu
cd "$(dirname "$0")"
missing=""
while read -r program package _; do
  case "$program" in ""|\#*) continue ;; esac
  case "$program" in
    */*) # a path glob: programs outside PATH (PostgreSQL's server)
      # shellcheck disable=SC2086 # the glob is meant to expand
      ls $program >/dev/null 2>&1 && continue ;;
    *) command -v "$program" >/dev/null 2>&1 && continue
       [ -x "/usr/sbin/$program" ] || [ -x "/sbin/$program" ] && continue ;;
  esac
  case " $missing " in *" $package "*) ;; *) missing="$missing $package" ;; esac
done < test-programs.txt
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages:$missing — run the tests as root so they can be installed" >&2
    exit 1
  fi
  echo "installing Debian packages:$missing" >&2
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086 # package names from our own list, split on purpose
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
