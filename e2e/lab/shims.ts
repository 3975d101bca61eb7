import { shellQuote } from "@/lib/domain/shell-quote";
import type { HostPlan } from "./lab-plan";

/**
 * A POSIX sh stand-in for libvirt's `virsh`, installed on a lab host's PATH
 * (/usr/local/sbin inside the host's private mount namespace). The domain's
 * state is read from the host side of the guest's veth: when the guest
 * namespace takes its NIC down the tap loses carrier, exactly what a powered-off
 * VM does to its vnetN. `start`/`destroy`/`shutdown` flip the guest's NIC, so a
 * dashboard that powers guests through virsh sees the same effect as `lab guest-off`.
 */
export function virshShim(host: HostPlan): string {
  const g = host.guest;
  return `#!/bin/sh
# Branchdesk lab shim for virsh (see e2e/lab/shims.ts). Generated; do not edit.
DOMAIN=${shellQuote(g.domain)}
TAP=${shellQuote(host.tapIfname)}
BRIDGE=${shellQuote(host.bridge)}
MAC=${shellQuote(g.mac)}
GUEST_NS=${shellQuote(g.netns)}
GUEST_IF=${shellQuote(g.ifname)}

state() {
  case "$(ip -o link show dev "$TAP" 2>/dev/null)" in
    *",LOWER_UP"*|*"<LOWER_UP"*) echo "running" ;;
    *) echo "shut off" ;;
  esac
}
need_domain() {
  if [ "$1" != "$DOMAIN" ]; then
    echo "error: failed to get domain '$1'" >&2
    exit 1
  fi
}

# libvirt accepts a connection URI first; the lab has only one hypervisor.
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--connect) shift 2 ;;
    -q|--quiet|-r|--readonly) shift ;;
    *) break ;;
  esac
done

run() {
cmd=\${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  --version|-v) echo "9.0.0" ;;
  domstate)
    [ $# -ge 1 ] || { echo "error: command 'domstate' requires <domain> option" >&2; exit 1; }
    need_domain "$1"; state; echo ;;
  list)
    s=$(state)
    if [ "\${1:-}" = "--name" ] || [ "\${2:-}" = "--name" ]; then
      if [ "$s" = "running" ] || [ "\${1:-}" = "--all" ] || [ "\${2:-}" = "--all" ]; then echo "$DOMAIN"; fi
      echo; exit 0
    fi
    printf ' %-4s %-20s %s\\n' "Id" "Name" "State"
    echo "--------------------------------------"
    if [ "$s" = "running" ]; then printf ' %-4s %-20s %s\\n' 1 "$DOMAIN" running
    elif [ "\${1:-}" = "--all" ]; then printf ' %-4s %-20s %s\\n' - "$DOMAIN" "shut off"; fi
    echo ;;
  domiflist)
    [ $# -ge 1 ] || { echo "error: command 'domiflist' requires <domain> option" >&2; exit 1; }
    need_domain "$1"
    printf ' %-10s %-8s %-8s %-8s %s\\n' Interface Type Source Model MAC
    echo "-------------------------------------------------------------"
    printf ' %-10s %-8s %-8s %-8s %s\\n' "$TAP" bridge "$BRIDGE" e1000 "$MAC"
    echo ;;
  start)
    need_domain "\${1:-}"
    if [ "$(state)" = "running" ]; then
      echo "error: Requested operation is not valid: domain is already running" >&2; exit 1
    fi
    ip -n "$GUEST_NS" link set "$GUEST_IF" up && echo "Domain '$DOMAIN' started" && echo ;;
  destroy|shutdown)
    need_domain "\${1:-}"
    if [ "$(state)" != "running" ]; then
      echo "error: Requested operation is not valid: domain is not running" >&2; exit 1
    fi
    ip -n "$GUEST_NS" link set "$GUEST_IF" down && echo "Domain '$DOMAIN' destroyed" && echo ;;
  *)
    echo "error: unknown command: '$cmd' (lab shim supports domstate, list, domiflist, start, destroy, shutdown)" >&2
    exit 1 ;;
esac
}

# One argument is a command string, commands separated by ';' (virsh(1), COMMAND_STRING):
# agents/health.sh asks domstate and domiflist in one call. Each runs in this shell.
if [ $# -eq 1 ]; then
  case "$1" in
    *";"*)
      rest=$1
      while [ -n "$rest" ]; do
        one=\${rest%%;*}
        case "$rest" in *";"*) rest=\${rest#*;} ;; *) rest= ;; esac
        set -f
        # shellcheck disable=SC2086 # a command string splits on blanks, as virsh's does
        set -- $one
        set +f
        [ $# -eq 0 ] || run "$@" || exit 1
      done
      exit 0 ;;
  esac
fi
run "$@"
`;
}
