#!/bin/sh
# Installs the Debian packages the test suite drives for real, when missing:
# chromium (Playwright), postgresql, iproute2/iptables/ebtables (kernel and
# lab tests), openssh (the lab's sshd). Needs root.
set -eu
missing=""
need() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need chromium chromium
need ip iproute2
need iptables-restore iptables
need ebtables ebtables
need sshd openssh-server
need ssh openssh-client
need ssh-keygen openssh-client
need nsenter util-linux
need unshare util-linux
need modprobe kmod
need sysctl procps
need flock util-linux
need busybox busybox
need dash dash
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$missing postgresql"
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages:$missing — run the tests as root so they can be installed" >&2
    exit 1
  fi
  echo "installing Debian packages:$missing" >&2
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
