#!/bin/sh
# Discovery sweep on a branch gateway (issue 11): lib/ssh/sweep-link-local.ts
# sends this file to `sh -s -- LAN SETTLE NREFRESH ADDRESS...` through the
# gateway's pinned session. Every value is a positional parameter, never spliced.
#
# ARP does the sweep, so it needs nothing on the hosts (a box answers ARP
# whatever its firewall does to ICMP) and only iproute2 on the gateway:
# `ip neigh replace ADDRESS dev LAN use` makes the kernel resolve an address
# (NTF_USE), one `ip -batch` for the whole list. The first NREFRESH addresses
# have a learnt entry that is no longer fresh (STALE, DELAY, PROBE, FAILED):
# they are deleted first, since on a STALE entry `use` only moves it to DELAY
# and the kernel would re-check it 5 s later. The list never holds the
# gateway's, an enrolled host's or a hand-configured entry's address (the
# dashboard leaves them out: `replace ... use` would turn a PERMANENT entry
# into an INCOMPLETE one), so only unknown boxes are re-resolved, which costs
# them one ARP exchange. After SETTLE
# seconds the neighbour table says who answered (REACHABLE).
#
# An iproute2 too old for `use` falls back to one ping per address, 64 in
# flight; a reply is printed as "answered ADDRESS".
#
# Output: "answered ADDRESS" lines (ping fallback only), a line "neighbours",
# then `ip -4 neigh show dev LAN` as is. Exit 2: bad arguments; 3: a tool or
# the interface is missing.
set -u
if [ "$#" -lt 3 ]; then
  echo "usage: discover.sh LAN SETTLE NREFRESH [ADDRESS...]" >&2
  exit 2
fi
lan=$1
settle=$2
nrefresh=$3
shift 3
for n in "$settle" "$nrefresh"; do
  case "$n" in '' | *[!0-9]*)
    echo "discover: SETTLE and NREFRESH must be whole numbers, not $n" >&2
    exit 2
    ;;
  esac
done
if [ "$nrefresh" -gt "$#" ]; then
  echo "discover: NREFRESH ($nrefresh) is more than the $# addresses given" >&2
  exit 2
fi
for addr in "$@"; do
  case "$addr" in '' | *[!0-9.]*)
    echo "discover: $addr is not an IPv4 address" >&2
    exit 2
    ;;
  esac
done
command -v ip >/dev/null 2>&1 || {
  echo "discover: ip (iproute2) is not installed on the gateway" >&2
  exit 3
}
ip link show dev "$lan" >/dev/null 2>&1 || {
  echo "discover: the gateway has no interface $lan (the LAN interface in the inventory)" >&2
  exit 3
}

# Each batch line is a fixed verb and two validated words: addresses and an interface name hold no blanks.
batch() {
  for addr in "$@"; do printf 'neigh %s %s dev %s%s\n' "$verb" "$addr" "$lan" "$tail"; done
}

ping_sweep() {
  command -v ping >/dev/null 2>&1 || {
    echo "discover: this iproute2 cannot resolve on demand (ip neigh ... use) and ping is not installed" >&2
    exit 3
  }
  inflight=0
  for addr in "$@"; do
    # One short echo per reply: a write under PIPE_BUF is atomic, so lines never interleave.
    { ping -c 1 -W 1 -I "$lan" "$addr" >/dev/null 2>&1 && echo "answered $addr"; } &
    inflight=$((inflight + 1))
    if [ "$inflight" -ge 64 ]; then
      wait
      inflight=0
    fi
  done
  wait
}

if [ "$#" -gt 0 ]; then
  if [ "$nrefresh" -gt 0 ]; then
    i=0
    for addr in "$@"; do
      [ "$i" -lt "$nrefresh" ] || break
      printf 'neigh del %s dev %s\n' "$addr" "$lan"
      i=$((i + 1))
    done | ip -force -batch - >/dev/null 2>&1
  fi
  verb=replace tail=' use'
  if batch "$@" | ip -batch - >/dev/null; then
    sleep "$settle"
  else
    ping_sweep "$@"
  fi
fi
echo "neighbours"
ip -4 neigh show dev "$lan"
