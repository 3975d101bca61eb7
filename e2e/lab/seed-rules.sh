#!/bin/sh
# The lab's own, plain-shell version of the branch NAT trick (NOT Branchdesk's
# code: the self-test uses it to prove the lab is wired like a real branch).
#   seed-rules.sh host GUEST_IP GUEST_MAC [BRIDGE]
#   seed-rules.sh gateway LAN_IF GW_LINK_LOCAL GW_LAN_IP GUEST_IP...
# Re-running is harmless: iptables rules are checked (-C) before -A, and
# ebtables-nft has no check command, so its rule is deleted before it is added.
set -eu
role=${1:?usage: seed-rules.sh host|gateway ...}
shift
case "$role" in
  host)
    ip=${1:?guest ip}
    mac=${2:?guest mac}
    br=${3:-virbr0}
    # Bridged frames skip iptables unless bridge-nf-call-iptables=1: without it
    # the REDIRECT below never sees the SYN, which goes on to the guest's port.
    sysctl -qw net.bridge.bridge-nf-call-iptables=1
    # Answer ARP for the guest's IP with the guest's MAC, also when it is off.
    ebtables -t nat -D PREROUTING -p ARP --arp-op Request --arp-ip-dst "$ip" \
      -j arpreply --arpreply-mac "$mac" 2>/dev/null || true
    ebtables -t nat -A PREROUTING -p ARP --arp-op Request --arp-ip-dst "$ip" -j arpreply --arpreply-mac "$mac"
    # SSH to the guest's IP lands on the host's own sshd.
    iptables -t nat -C PREROUTING -i "$br" -p tcp -d "$ip" --dport 22 -j REDIRECT 2>/dev/null ||
      iptables -t nat -A PREROUTING -i "$br" -p tcp -d "$ip" --dport 22 -j REDIRECT
    ;;
  gateway)
    lan=${1:?lan ifname}
    ll=${2:?gateway link-local ip}
    lanip=${3:?gateway lan ip}
    shift 3
    # Hosts only talk link-local: SSH towards a guest IP leaves with 169.254.1.1 as source.
    for ip in "$@"; do
      iptables -t nat -C POSTROUTING -o "$lan" -d "$ip" -p tcp --dport 22 -j SNAT --to-source "$ll" 2>/dev/null ||
        iptables -t nat -A POSTROUTING -o "$lan" -d "$ip" -p tcp --dport 22 -j SNAT --to-source "$ll"
    done
    # Link-local sources leaving by another interface get the routable address.
    iptables -t nat -C POSTROUTING ! -o "$lan" -s 169.254.0.0/16 -j SNAT --to-source "$lanip" 2>/dev/null ||
      iptables -t nat -A POSTROUTING ! -o "$lan" -s 169.254.0.0/16 -j SNAT --to-source "$lanip"
    ;;
  *)
    echo "seed-rules.sh: unknown role '$role' (host or gateway)" >&2
    exit 2
    ;;
esac
