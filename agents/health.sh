# shellcheck shell=sh
# Branchdesk health read (issue 12): one step of the sweep's `sh -s`, after the
# rules read. Prints "key=value" lines between @@health and @@health-end.
# Expects BD_KIND (host|gateway), and for hosts BD_BRIDGE and BD_DOMAIN, set
# (shell-quoted) ahead of it. Process starts on the box: date, df, and on hosts
# ip + virsh twice (domstate, domiflist); gateways: iptables-save -c. Every
# /proc and /sys read is a shell `read` under a prefix tests point at fixtures.
# POSIX sh, busybox-safe: no bashisms, no Node.
P="${BRANCHDESK_PROC:-/proc}"
S="${BRANCHDESK_SYS:-/sys}"
PATH="$PATH:/usr/sbin:/sbin:/usr/bin:/bin"
echo @@health
echo "now=$(date +%s)"
bd_first() { # first line of a file, or nothing
  [ -r "$1" ] && { read -r bd_v < "$1" || [ -n "$bd_v" ]; } && echo "$bd_v"
}
echo "uptime=$(bd_first "$P/uptime")"
echo "loadavg=$(bd_first "$P/loadavg")"
while read -r bd_k bd_n _; do
  case "$bd_k" in
    MemTotal:|MemAvailable:|SwapTotal:|SwapFree:) echo "mem.${bd_k%:}=$bd_n" ;;
  esac
done < "$P/meminfo" 2>/dev/null
echo "swappiness=$(bd_first "$P/sys/vm/swappiness")"
# kswapd0 is a kernel thread started at boot: a low pid, so the scan stops early.
for bd_d in "$P"/[0-9]*; do
  [ -r "$bd_d/comm" ] || continue
  read -r bd_c < "$bd_d/comm" || continue
  if [ "$bd_c" = kswapd0 ]; then
    read -r bd_stat < "$bd_d/stat" && echo "kswapd0.stat=$bd_stat"
    break
  fi
done
# / free space: 1K blocks, POSIX output format.
df -P / 2>/dev/null | while read -r _ bd_total _ bd_avail _ _; do
  case "$bd_total$bd_avail" in "" | *[!0-9]*) ;; *) echo "disk.root=$bd_total $bd_avail" ;; esac
done
echo "ip_forward=$(bd_first "$P/sys/net/ipv4/ip_forward")"
if [ "$BD_KIND" = gateway ]; then
  bd_ct="$P/sys/net/netfilter"
  echo "conntrack=$(bd_first "$bd_ct/nf_conntrack_count") $(bd_first "$bd_ct/nf_conntrack_max")"
  "${BRANCHDESK_IPTABLES:-iptables}-save" -c -t nat 2>/dev/null | while read -r bd_line; do
    case "$bd_line" in *" -j SNAT"*|*" -j MASQUERADE"*) echo "snat=$bd_line" ;; esac
  done
else
  if [ -d "$S/module/br_netfilter" ]; then echo "br_netfilter=1"; else echo "br_netfilter=0"; fi
  echo "bridge_nf_call_iptables=$(bd_first "$P/sys/net/bridge/bridge-nf-call-iptables")"
  echo "bridge.operstate=$(bd_first "$S/class/net/$BD_BRIDGE/operstate")"
  echo "bridge.flags=$(bd_first "$S/class/net/$BD_BRIDGE/flags")"
  ip -4 -o addr show dev "$BD_BRIDGE" 2>/dev/null | while read -r _ _ _ bd_a _; do echo "bridge.addr=$bd_a"; done
  bd_libvirtd=0
  for bd_d in "$P"/[0-9]*; do
    [ -r "$bd_d/comm" ] && read -r bd_c < "$bd_d/comm" && [ "$bd_c" = libvirtd ] && { bd_libvirtd=1; break; }
  done
  echo "libvirtd=$bd_libvirtd"
  if [ -n "$BD_DOMAIN" ] && command -v virsh >/dev/null 2>&1; then
    bd_gs=$(virsh domstate "$BD_DOMAIN" 2>&1)
    echo "guest.state=${bd_gs%%
*}"
    virsh domiflist "$BD_DOMAIN" 2>/dev/null | while read -r _ _ _ _ bd_mac; do
      case "$bd_mac" in *:*:*:*:*:*) echo "guest.mac=$bd_mac" ;; esac
    done
  else
    echo "guest.state=virsh not found"
  fi
fi
echo @@health-end
