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
# Values are read with the shell's own `read`, into bd_v, not through $(...): every command
# substitution forks a subshell, and a sweep runs this on every box of the fleet.
bd_first() { # bd_v = the first line of a file, or nothing
  bd_v=
  [ -r "$1" ] && { read -r bd_v < "$1" || [ -n "$bd_v" ]; }
}
bd_put() { # key=first line of a file
  bd_first "$2"
  echo "$1=$bd_v"
}
bd_put uptime "$P/uptime"
bd_put loadavg "$P/loadavg"
while read -r bd_k bd_n _; do
  case "$bd_k" in
    MemTotal:|MemAvailable:|SwapTotal:|SwapFree:) echo "mem.${bd_k%:}=$bd_n" ;;
  esac
done < "$P/meminfo" 2>/dev/null
bd_put swappiness "$P/sys/vm/swappiness"
# kswapd0 is a kernel thread started at boot: a low pid. Pids of one, two, three digits first
# (a plain [0-9]* glob sorts 1, 10, 100, 1000, 10000... before 2), so the scan stops early.
for bd_d in "$P"/[0-9] "$P"/[0-9][0-9] "$P"/[0-9][0-9][0-9] "$P"/[0-9][0-9][0-9][0-9]*; do
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
bd_put ip_forward "$P/sys/net/ipv4/ip_forward"
if [ "$BD_KIND" = gateway ]; then
  bd_ct="$P/sys/net/netfilter"
  bd_first "$bd_ct/nf_conntrack_count"
  bd_n=$bd_v
  bd_first "$bd_ct/nf_conntrack_max"
  echo "conntrack=$bd_n $bd_v"
  "${BRANCHDESK_IPTABLES:-iptables}-save" -c -t nat 2>/dev/null | while read -r bd_line; do
    case "$bd_line" in *" -j SNAT"*|*" -j MASQUERADE"*) echo "snat=$bd_line" ;; esac
  done
else
  if [ -d "$S/module/br_netfilter" ]; then echo "br_netfilter=1"; else echo "br_netfilter=0"; fi
  bd_put bridge_nf_call_iptables "$P/sys/net/bridge/bridge-nf-call-iptables"
  bd_put bridge.operstate "$S/class/net/$BD_BRIDGE/operstate"
  bd_put bridge.flags "$S/class/net/$BD_BRIDGE/flags"
  ip -4 -o addr show dev "$BD_BRIDGE" 2>/dev/null | while read -r _ _ _ bd_a _; do echo "bridge.addr=$bd_a"; done
  bd_libvirtd=0
  # pgrep reads /proc in C; the shell's own scan (a read per process) is for boxes without it
  # and for a fixture tree (BRANCHDESK_PROC), which pgrep would not look at.
  if [ "$P" = /proc ] && command -v pgrep >/dev/null 2>&1; then
    pgrep -x libvirtd >/dev/null 2>&1 && bd_libvirtd=1
  else
    for bd_d in "$P"/[0-9]*; do
      [ -r "$bd_d/comm" ] && read -r bd_c < "$bd_d/comm" && [ "$bd_c" = libvirtd ] && { bd_libvirtd=1; break; }
    done
  fi
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
