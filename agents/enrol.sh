#!/bin/sh
# Branchdesk enrolment (issue 11): run once, as root, on a new branch host:
#   curl -fsS https://dashboard/enrol/TOKEN | sh
# The dashboard serves this file with BD_ENROL_URL, BD_ENROL_TOKEN and BD_FLEET_KEY
# (empty: do not install it) assigned above it, each one single-quoted word.
# It reports the box (serial, NIC MAC, bridge, link-local address, default route,
# SSH host key, libvirt domains, kernel, distro) and, if the token says so,
# installs the fleet public key for root. Nothing else on the box changes.
#
# POSIX sh (CentOS 7's bash-as-sh, Debian's dash, busybox ash). Where files are
# read from can be moved for tests and odd boxes:
#   BRANCHDESK_ENROL_ROOT      prefix of /etc and root's home   (default: none)
#   BRANCHDESK_ENROL_DMI       DMI directory                    (default /sys/class/dmi/id)
#   BRANCHDESK_ENROL_SYS       sysfs                            (default /sys)
#   BRANCHDESK_ENROL_BRIDGE    the bridge holding the NIC       (default virbr0, else the first bridge)
#   BRANCHDESK_ENROL_NIC       the NIC                          (default: the bridge's first non-tap port)
#   BRANCHDESK_ENROL_HOST_KEY  the host key's .pub file         (default ed25519, ecdsa, rsa in /etc/ssh)
#   BRANCHDESK_ENROL_DRY_RUN=1 print the report, send nothing, change nothing

BD_ENROL_URL=${BD_ENROL_URL:?"not set: fetch this script from the dashboard (/enrol/TOKEN)"}
BD_ENROL_TOKEN=${BD_ENROL_TOKEN:?"not set: fetch this script from the dashboard (/enrol/TOKEN)"}
BD_FLEET_KEY=${BD_FLEET_KEY:-}

ROOT=${BRANCHDESK_ENROL_ROOT:-}
DMI=${BRANCHDESK_ENROL_DMI:-/sys/class/dmi/id}
SYS=${BRANCHDESK_ENROL_SYS:-/sys}

fail() {
  printf 'branchdesk enrol: %s\n' "$*" >&2
  exit 1
}

# A JSON string: backslash and quote escaped; control characters dropped (no report value needs them).
json_str() {
  s=$(printf '%s' "$1" | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g')
  printf '"%s"' "$s"
}

first_line() {
  [ -r "$1" ] || return 1
  IFS= read -r line <"$1" || [ -n "$line" ] || return 1
  printf '%s' "$line"
}

# --- serial: DMI, else dmidecode (older kernels, some VMs)
serial=$(first_line "$DMI/product_serial" 2>/dev/null) || serial=""
if [ -z "$serial" ] && command -v dmidecode >/dev/null 2>&1; then
  serial=$(dmidecode -s system-serial-number 2>/dev/null | sed -n 1p)
fi
[ -n "$serial" ] || fail "no serial: $DMI/product_serial is unreadable and dmidecode printed none (run as root)"

# --- bridge and NIC: libvirt's virbr0 unless told, the NIC is its port that is not a guest's tap
bridge=${BRANCHDESK_ENROL_BRIDGE:-}
if [ -z "$bridge" ]; then
  if [ -d "$SYS/class/net/virbr0/bridge" ]; then
    bridge=virbr0
  else
    for d in "$SYS"/class/net/*/bridge; do
      [ -d "$d" ] || continue
      d=${d%/bridge}
      bridge=${d##*/}
      break
    done
  fi
fi
[ -n "$bridge" ] || fail "no bridge found under $SYS/class/net: set BRANCHDESK_ENROL_BRIDGE"
nic=${BRANCHDESK_ENROL_NIC:-}
if [ -z "$nic" ]; then
  for p in "$SYS/class/net/$bridge/brif"/*; do
    [ -e "$p" ] || continue
    n=${p##*/}
    case $n in vnet* | tap* | *-nic) continue ;; esac
    # libvirt gives guest taps fe:xx MACs
    m=$(first_line "$SYS/class/net/$n/address" 2>/dev/null) || m=""
    case $m in fe:*) continue ;; esac
    nic=$n
    break
  done
fi
[ -n "$nic" ] || fail "no NIC found in bridge $bridge: set BRANCHDESK_ENROL_NIC"
nic_mac=$(first_line "$SYS/class/net/$nic/address") || fail "cannot read the MAC of $nic"

# --- the bridge's link-local address and the default route's next hop (ip, else ifconfig/route)
if command -v ip >/dev/null 2>&1; then
  addrs=$(ip -4 -o addr show dev "$bridge" 2>/dev/null)
  via=$(ip -4 route show default 2>/dev/null |
    awk '{ for (i = 1; i < NF; i++) if ($i == "via") { print $(i + 1); exit } }')
else
  addrs=$(ifconfig "$bridge" 2>/dev/null)
  via=$(route -n 2>/dev/null | awk '$1 == "0.0.0.0" { print $2; exit }')
fi
link_local=$(printf '%s\n' "$addrs" | awk '{
  for (i = 1; i < NF; i++) if ($i == "inet") { a = $(i + 1); sub(/^addr:/, "", a); sub(/\/.*/, "", a);
    if (a ~ /^169\.254\./) { print a; exit } } }')
case $via in 169.254.*) ;; *) via="" ;; esac

# --- the SSH host key: ed25519, else ECDSA, else RSA (the order the dashboard asks for keys in)
key_file=${BRANCHDESK_ENROL_HOST_KEY:-}
if [ -z "$key_file" ]; then
  for t in ed25519 ecdsa rsa; do
    f="$ROOT/etc/ssh/ssh_host_${t}_key.pub"
    if [ -r "$f" ]; then
      key_file=$f
      break
    fi
  done
fi
[ -n "$key_file" ] || fail "no SSH host key in $ROOT/etc/ssh (ssh_host_ed25519_key.pub or ssh_host_rsa_key.pub)"
host_key=$(first_line "$key_file") || fail "cannot read $key_file"

# --- libvirt domains and their MACs, if virsh exists
domains=""
if command -v virsh >/dev/null 2>&1; then
  names=$(virsh list --all --name 2>/dev/null) || names=""
  for d in $names; do
    macs=$(virsh domiflist "$d" 2>/dev/null | awk '{ for (i = 1; i <= NF; i++)
      if (length($i) == 17 && $i ~ /^[0-9A-Fa-f:]+$/) printf "%s\"%s\"", (n++ ? "," : ""), tolower($i) }')
    domains="$domains${domains:+,}{\"name\":$(json_str "$d"),\"macs\":[$macs]}"
  done
fi

# --- kernel and distro
kernel=$(uname -r 2>/dev/null) || kernel=""
distro=""
if [ -r "$ROOT/etc/os-release" ]; then
  distro=$(sed -n 's/^PRETTY_NAME=//p' "$ROOT/etc/os-release" | sed 's/^"//; s/"$//' | sed -n 1p)
fi
[ -n "$distro" ] || distro=$(first_line "$ROOT/etc/redhat-release" 2>/dev/null) || distro=""
hostname=$(uname -n 2>/dev/null) || hostname=""

# --- the fleet key for root, once (idempotent), if the token says so
fleet=false
if [ -n "$BD_FLEET_KEY" ] && [ "${BRANCHDESK_ENROL_DRY_RUN:-}" != 1 ]; then
  ssh_dir="$ROOT/root/.ssh"
  (umask 077 && mkdir -p "$ssh_dir" && touch "$ssh_dir/authorized_keys") ||
    fail "cannot create $ssh_dir/authorized_keys"
  if ! grep -qxF "$BD_FLEET_KEY" "$ssh_dir/authorized_keys"; then
    printf '%s\n' "$BD_FLEET_KEY" >>"$ssh_dir/authorized_keys" || fail "cannot write $ssh_dir/authorized_keys"
  fi
  chmod 700 "$ssh_dir" && chmod 600 "$ssh_dir/authorized_keys"
  # SELinux (CentOS): a file made by hand may carry the wrong label, and sshd would ignore it.
  if command -v restorecon >/dev/null 2>&1; then restorecon -R "$ssh_dir" 2>/dev/null || true; fi
  fleet=true
fi

report="{\"token\":$(json_str "$BD_ENROL_TOKEN"),\"serial\":$(json_str "$serial")"
report="$report,\"hostname\":$(json_str "$hostname"),\"nicMac\":$(json_str "$nic_mac")"
report="$report,\"bridge\":$(json_str "$bridge")"
[ -n "$link_local" ] && report="$report,\"linkLocalIp\":$(json_str "$link_local")"
[ -n "$via" ] && report="$report,\"gatewayIp\":$(json_str "$via")"
report="$report,\"hostKey\":$(json_str "$host_key"),\"domains\":[$domains]"
report="$report,\"kernel\":$(json_str "${kernel:-unknown}"),\"distro\":$(json_str "${distro:-unknown}")"
report="$report,\"fleetKeyInstalled\":$fleet}"

if [ "${BRANCHDESK_ENROL_DRY_RUN:-}" = 1 ]; then
  printf '%s\n' "$report"
  exit 0
fi

tmp=$(mktemp -d 2>/dev/null) || tmp="/tmp/branchdesk-enrol.$$"
[ -d "$tmp" ] || (umask 077 && mkdir "$tmp") || fail "cannot make a temporary directory"
trap 'rm -rf "$tmp"' EXIT
printf '%s' "$report" >"$tmp/report.json"
endpoint="$BD_ENROL_URL/api/v1/enrol"
if command -v curl >/dev/null 2>&1; then
  status=$(curl -sS -o "$tmp/answer" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$tmp/report.json" "$endpoint") || fail "cannot reach $endpoint"
elif command -v wget >/dev/null 2>&1; then
  # GNU wget keeps the refusal's body with --content-on-error; busybox wget does not know it.
  extra=""
  if wget --help 2>&1 | grep -q content-on-error; then extra=--content-on-error; fi
  # shellcheck disable=SC2086 # $extra is one option or nothing
  if wget -q $extra -O "$tmp/answer" --header='Content-Type: application/json' \
    --post-file="$tmp/report.json" "$endpoint"; then status=200; else status=refused; fi
else
  fail "neither curl nor wget is installed: install one, or enter the host by hand"
fi
[ -r "$tmp/answer" ] && cat "$tmp/answer" && echo
case $status in
  2??) printf 'branchdesk enrol: enrolled; apply the rules for the branch from the dashboard\n' ;;
  *) fail "the dashboard refused the enrolment (HTTP $status): see the message above" ;;
esac
