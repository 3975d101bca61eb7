# shellcheck shell=sh
# Branchdesk health read (issue 12): one step of the sweep's `sh -s`, after the
# rules read. Prints "key=value" lines between @@health and @@health-end.
# Expects BD_KIND (host|gateway), and for hosts BD_BRIDGE and BD_DOMAIN, set
# (shell-quoted) ahead of it. POSIX sh, busybox-safe: no bashisms, no Node.
#
# A sweep runs this on every box of the fleet, so every process start counts
# (agents/health.kernel.test.ts holds the bound). Process starts: hosts grep,
# df, ip, virsh (one call for state and MAC; pgrep only when neither virsh nor
# libvirtd's pid file tells that libvirtd runs); gateways grep, df, iptables-save -c.
# Everything else is the shell's own `read` of /proc and /sys, under a prefix
# tests point at fixtures. No pipes and no `$(...)` around a builtin: each pipe
# stage is a fork; `$(exec cmd)` is one process (without the `exec`, bash forks
# again for a command with a redirection). Output of a command is split into lines by bd_lines (IFS and
# `set --`), not by `while read` from a pipe or an expanding here-document,
# which fork in dash and busybox.
P="${BRANCHDESK_PROC:-/proc}"
S="${BRANCHDESK_SYS:-/sys}"
PATH="$PATH:/usr/sbin:/sbin:/usr/bin:/bin"
echo @@health
bd_first() { # bd_v = the first line of a file, or nothing
  bd_v=
  [ -r "$1" ] && { read -r bd_v < "$1" || [ -n "$bd_v" ]; }
}
bd_put() { # key=first line of a file
  bd_first "$2"
  echo "$1=$bd_v"
}
bd_lines() { # FUNCTION TEXT: FUNCTION "line" for each non-empty line of TEXT, in this shell
  bd_lf=$1
  IFS='
'
  set -f
  # shellcheck disable=SC2086 # split on newlines on purpose
  set -- $2
  set +f
  IFS=' 	
'
  for bd_l; do "$bd_lf" "$bd_l"; done
}
bd_words() { # LINE: bd_w2, bd_w4, bd_w5 = its 2nd, 4th and 5th words
  set -f
  # shellcheck disable=SC2086 # split on blanks on purpose
  set -- $1
  set +f
  bd_w2=${2-} bd_w4=${4-} bd_w5=${5-}
}

# sysctls are read by one grep, not by `read`: /proc/sys answers only a read at
# offset 0, and dash and busybox `read` one byte per read(2), so vm.swappiness=60
# read that way is "6" and nf_conntrack_max=262144 is "2". The same grep takes the
# boot time (btime) from /proc/stat: btime + uptime is the box's clock without
# starting `date`. Each line is "file:value"; /dev/null makes it so for one file too.
bd_sysctl() {
  case "$1" in
    "$P/stat:btime "*) bd_btime=${1#*:btime } ;;
    */vm/swappiness:*) bd_swappiness=${1##*:} ;;
    */ipv4/ip_forward:*) bd_ip_forward=${1##*:} ;;
    */bridge-nf-call-iptables:*) bd_bnf=${1##*:} ;;
    */nf_conntrack_count:*) bd_ct_count=${1##*:} ;;
    */nf_conntrack_max:*) bd_ct_max=${1##*:} ;;
  esac
}
bd_btime='' bd_swappiness='' bd_ip_forward='' bd_bnf='' bd_ct_count='' bd_ct_max=''
bd_ct="$P/sys/net/netfilter"
if [ "$BD_KIND" = gateway ]; then
  set -- "$bd_ct/nf_conntrack_count" "$bd_ct/nf_conntrack_max"
else
  set -- "$P/sys/net/bridge/bridge-nf-call-iptables"
fi
bd_lines bd_sysctl "$(exec grep -E '^(btime |[0-9])' "$P/stat" "$P/sys/vm/swappiness" \
  "$P/sys/net/ipv4/ip_forward" "$@" /dev/null 2>/dev/null)"
# The clock: boot time + uptime, summed by the dashboard (lib/domain/health/parse-health-output.ts).
case "$bd_btime" in
  "" | *[!0-9]*) echo "now=$(exec date +%s)" ;; # a /proc without btime (a fixture tree)
  *) echo "btime=$bd_btime" ;;
esac
bd_put uptime "$P/uptime"
bd_put loadavg "$P/loadavg"
while read -r bd_k bd_n _; do
  case "$bd_k" in
    MemTotal:|MemAvailable:|SwapTotal:|SwapFree:) echo "mem.${bd_k%:}=$bd_n" ;;
  esac
done < "$P/meminfo" 2>/dev/null
echo "swappiness=$bd_swappiness"
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
# / free space: 1K blocks, POSIX output format; the last line is the file system's.
bd_df() { bd_words "$1"; }
bd_w2='' bd_w4=''
bd_lines bd_df "$(exec df -P / 2>/dev/null)"
case "$bd_w2$bd_w4" in "" | *[!0-9]*) ;; *) echo "disk.root=$bd_w2 $bd_w4" ;; esac
echo "ip_forward=$bd_ip_forward"
if [ "$BD_KIND" = gateway ]; then
  echo "conntrack=$bd_ct_count $bd_ct_max"
  bd_snat() {
    case "$1" in *" -j SNAT"* | *" -j MASQUERADE"*) echo "snat=$1" ;; esac
  }
  bd_lines bd_snat "$(exec "${BRANCHDESK_IPTABLES:-iptables}-save" -c -t nat 2>/dev/null)"
else
  if [ -d "$S/module/br_netfilter" ]; then echo "br_netfilter=1"; else echo "br_netfilter=0"; fi
  echo "bridge_nf_call_iptables=$bd_bnf"
  bd_put bridge.operstate "$S/class/net/$BD_BRIDGE/operstate"
  bd_put bridge.flags "$S/class/net/$BD_BRIDGE/flags"
  bd_addr() {
    bd_words "$1"
    echo "bridge.addr=$bd_w4"
  }
  bd_lines bd_addr "$(exec ip -4 -o addr show dev "$BD_BRIDGE" 2>/dev/null)"
  bd_gstate=''
  if [ -n "$BD_DOMAIN" ] && command -v virsh >/dev/null 2>&1; then
    # One virsh (one libvirt connection) for both: a single argument is a command string,
    # commands separated by ';' (virsh(1), COMMAND_STRING). The inventory allows only
    # [A-Za-z0-9._-] in a domain name; anything else gets the two plain calls.
    case "$BD_DOMAIN" in
      *[!A-Za-z0-9._-]*) bd_vo="$(exec virsh domstate "$BD_DOMAIN" 2>&1)
$(exec virsh domiflist "$BD_DOMAIN" 2>/dev/null)" ;;
      *) bd_vo=$(exec virsh "domstate $BD_DOMAIN; domiflist $BD_DOMAIN" 2>&1) ;;
    esac
    # The state is domstate's line (its first, or its error); the MACs are domiflist's 5th column.
    bd_virsh() {
      case "$1" in
        running | idle | paused | "in shutdown" | "shut off" | crashed | pmsuspended | blocked | "no state")
          bd_gstate=$1
          return
          ;;
      esac
      [ -n "$bd_gfirst" ] || bd_gfirst=$1
      bd_words "$1"
      case "$bd_w5" in *:*:*:*:*:*) echo "guest.mac=$bd_w5" ;; esac
    }
    bd_gfirst=''
    bd_lines bd_virsh "$bd_vo"
    echo "guest.state=${bd_gstate:-$bd_gfirst}"
  else
    echo "guest.state=virsh not found"
  fi
  # libvirtd runs when its pid file (system mode, CentOS 6 to Debian 12) names a live libvirtd,
  # or when virsh just answered with the domain's state (libvirt's daemon answered it; under
  # socket activation, libvirtd.socket, the daemon exits when idle and that is no fault).
  # pgrep (or, for a fixture tree, the shell's own scan of every process) only when neither.
  bd_libvirtd=0
  bd_first "${BRANCHDESK_VARRUN:-/var/run}/libvirtd.pid"
  case "$bd_v" in "" | *[!0-9]*) bd_v='' ;; esac
  if [ -n "$bd_gstate" ]; then
    bd_libvirtd=1
  elif [ -n "$bd_v" ] && bd_first "$P/$bd_v/comm" && [ "$bd_v" = libvirtd ]; then
    bd_libvirtd=1
  elif [ "$P" = /proc ] && command -v pgrep >/dev/null 2>&1; then
    pgrep -x libvirtd >/dev/null 2>&1 && bd_libvirtd=1
  else
    for bd_d in "$P"/[0-9]*; do
      [ -r "$bd_d/comm" ] && read -r bd_c < "$bd_d/comm" && [ "$bd_c" = libvirtd ] && { bd_libvirtd=1; break; }
    done
  fi
  echo "libvirtd=$bd_libvirtd"
fi
echo @@health-end
