#!/bin/sh
# Regenerates the NAT audit fixtures with the real tools (root; iptables-nft, iptables-legacy,
# ebtables-nft, ebtables-legacy): each scenario is loaded into a throwaway network namespace
# `natfx-<pid>-<n>`, a few TCP SYNs are sent through it so counters are not all zero, and the
# nat table is saved with counters. The namespaces are deleted afterwards (also on failure).
# Not made here, written by hand in the format of lib/domain/rules/testdata/fixtures/centos7-*.txt:
# the CentOS 7 iptables 1.4.21 dumps, and the legacy ebtables listing (this kernel has no legacy
# ebtables nat table: "The kernel doesn't support the ebtables 'nat' table"). Review `git diff`.
#   sh lib/domain/nat-audit/testdata/make-fixtures.sh
set -eu
cd "$(dirname "$0")"
n=0
made=""
cleanup() { for ns in $made; do ip netns del "$ns" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

# A namespace with the interfaces the scenarios name (veth pairs whose peers nobody reads:
# packets leave, pass nat POSTROUTING, and vanish).
new_ns() {
  n=$((n + 1))
  ns="natfx-$$-$n"
  ip netns add "$ns"
  made="$made $ns"
  ip -n "$ns" link set lo up
  for dev in eth0 eth1 wan0 docker0 virbr0; do
    ip -n "$ns" link add "$dev" type veth peer name "$dev-p"
    ip -n "$ns" link set "$dev-p" up
    ip -n "$ns" link set "$dev" up
  done
  ip -n "$ns" addr add 203.0.113.1/24 dev eth0
  ip -n "$ns" addr add 169.254.1.1/16 dev eth1
  ip -n "$ns" addr add 198.51.100.2/24 dev wan0
  ip -n "$ns" addr add 172.17.0.1/16 dev docker0
  ip -n "$ns" route add default via 198.51.100.1 dev wan0
}

# One SYN per destination (host:port), from inside the namespace; timeouts are expected.
syn() {
  for to in "$@"; do
    ip netns exec "$ns" python3 -c "
import socket, sys
s = socket.socket(); s.settimeout(0.2)
try: s.connect(('${to%:*}', ${to#*:}))
except OSError: pass
" || true
  done
}

# $1 iptables flavour (nft|legacy), stdin: the rules as commands' arguments, one per line.
load_iptables() {
  while read -r line; do
    [ -z "$line" ] && continue
    case "$line" in "#"*) continue ;; esac
    # shellcheck disable=SC2086 # each line is the argument list, split on purpose
    eval "ip netns exec \"\$ns\" iptables-$1 $line"
  done
}

load_ebtables() {
  while read -r line; do
    [ -z "$line" ] && continue
    # shellcheck disable=SC2086
    eval "ip netns exec \"\$ns\" ebtables-$1 $line"
  done
}

# The gateway as hand-configured before Branchdesk, following the published technique.
gateway_handmade() {
  load_iptables "$1" <<'EOF'
-t nat -N DOCKER
-t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-t nat -A DOCKER -i docker0 -j RETURN
-t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
-t nat -A POSTROUTING -o eth0 -d 203.0.113.10 -p tcp --dport 22 -j SNAT --to 169.254.1.1
-t nat -A POSTROUTING -o eth0 -d 203.0.113.10 -p tcp --dport 22 -j SNAT --to 169.254.1.1
-t nat -A POSTROUTING -o eth0 -d 203.0.113.11 -p tcp --dport 22 -m comment --comment "desk 11 (Maria)" -j SNAT --to-source 169.254.1.1
-t nat -A POSTROUTING -o eth0 -d 203.0.113.30 -p tcp --dport 22 -j SNAT --to 169.254.1.1
-t nat -A POSTROUTING -o eth0 -d 203.0.113.20 -p tcp --dport 22 -j SNAT --to 169.254.1.1
-t nat -A POSTROUTING ! -o eth0 -s 169.254.0.0/16 -j SNAT --to 203.0.113.1
-t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-t nat -A POSTROUTING -o wan0 -m comment --comment "admin: office uplink" -j MASQUERADE
-t nat -A POSTROUTING -o wan0 -s 10.9.0.0/16 -j SNAT --to-source 198.51.100.7
EOF
  syn 203.0.113.10:22 203.0.113.11:22 203.0.113.11:22 198.51.100.9:443
}

# The same gateway after an adoption (and some drift since).
gateway_adopted() {
  load_iptables "$1" <<'EOF'
-t nat -N BRANCHDESK-POST
-t nat -N LIBVIRT_PRT
-t nat -A POSTROUTING -j BRANCHDESK-POST
-t nat -A POSTROUTING -j LIBVIRT_PRT
-t nat -A POSTROUTING -j BRANCHDESK-POST
-t nat -A POSTROUTING -o eth0 -d 203.0.113.11 -p tcp --dport 22 -j SNAT --to 169.254.1.1
-t nat -A POSTROUTING -o wan0 -j MASQUERADE
-t nat -A BRANCHDESK-POST -d 203.0.113.10/32 -o eth0 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1
-t nat -A BRANCHDESK-POST -d 203.0.113.11/32 -o eth0 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1
-t nat -A BRANCHDESK-POST -d 203.0.113.30/32 -o eth0 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1
-t nat -A BRANCHDESK-POST -s 169.254.0.0/16 ! -o eth0 -j SNAT --to-source 203.0.113.1
-t nat -A LIBVIRT_PRT -s 192.168.122.0/24 -d 224.0.0.0/24 -j RETURN
-t nat -A LIBVIRT_PRT -s 192.168.122.0/24 -d 255.255.255.255/32 -j RETURN
-t nat -A LIBVIRT_PRT -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535
-t nat -A LIBVIRT_PRT -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE
EOF
  syn 203.0.113.10:22 203.0.113.12:22 198.51.100.9:443
}

# A host with the published REDIRECT made by hand, libvirt's pre-5.1 rules, and drift.
host_handmade() {
  load_iptables "$1" <<'EOF'
-t nat -A PREROUTING -i virbr0 -p tcp -d 203.0.113.10 --dport 22 -j REDIRECT
-t nat -A PREROUTING -i virbr0 -p tcp -d 203.0.113.10 --dport 22 -j REDIRECT --to-ports 22
-t nat -A PREROUTING -i virbr0 -p tcp -d 203.0.113.20 --dport 22 -j REDIRECT
-t nat -A PREROUTING -p tcp --dport 2222 -j REDIRECT --to-ports 22
-t nat -A POSTROUTING -s 192.168.122.0/24 -d 224.0.0.0/24 -j RETURN
-t nat -A POSTROUTING -s 192.168.122.0/24 -d 255.255.255.255/32 -j RETURN
-t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535
-t nat -A POSTROUTING -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE
EOF
}

host_ebtables() {
  load_ebtables "$1" <<'EOF'
-t nat -N BRANCHDESK-ARP -P RETURN
-t nat -A PREROUTING -j BRANCHDESK-ARP
-t nat -A BRANCHDESK-ARP -p ARP --arp-op Request --arp-ip-dst 203.0.113.10 -j arpreply --arpreply-mac 52:54:00:01:02:0a
-t nat -A BRANCHDESK-ARP -p ARP --arp-op Request --arp-ip-dst 203.0.113.30 -j arpreply --arpreply-mac 52:54:00:01:02:1e
-t nat -A PREROUTING -p ARP --arp-op Request --arp-ip-dst 203.0.113.11 -j arpreply --arpreply-mac 52:54:00:01:02:0b
-t nat -A PREROUTING -p IPv4 -i vnet0 -j ACCEPT
EOF
}

save() { ip netns exec "$ns" "$@"; }

# One scenario per namespace; plain statements so that `set -e` stops at the first failure.
make() { # scenario flavour save-command... >file
  new_ns
  "$1" "$2"
  shift 2
  save "$@"
}
make gateway_handmade nft iptables-nft-save -c -t nat >gateway-handmade.nft.txt
make gateway_handmade legacy iptables-legacy-save -c -t nat >gateway-handmade.legacy.txt
make gateway_adopted nft iptables-nft-save -c -t nat >gateway-adopted.nft.txt
make gateway_adopted legacy iptables-legacy-save -c -t nat >gateway-adopted.legacy.txt
make host_handmade nft iptables-nft-save -c -t nat >host-handmade.nft.txt
make host_handmade legacy iptables-legacy-save -c -t nat >host-handmade.legacy.txt
make host_ebtables nft ebtables-nft-save -c >host-ebtables.nft.txt
echo "fixtures written in $(pwd)"
