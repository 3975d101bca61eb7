# Branchdesk agent: settings, JSON, encoding, lock. POSIX sh only: it runs on
# CentOS 7 (bash as sh), Debian (dash) and busybox ash. No `local`, no arrays.
BD_AGENT_VERSION=1

# Every path is overridable so tests never write to the real /etc or /run.
BD_ETC=${BRANCHDESK_ETC:-/etc/branchdesk}
# BD_RUN (/run/branchdesk): lib/pending.sh.
BD_SYSTEMD_DIR=${BRANCHDESK_SYSTEMD_DIR:-/etc/systemd/system}
BD_INITD_DIR=${BRANCHDESK_INITD_DIR:-/etc/init.d}
BD_RC_LOCAL=${BRANCHDESK_RC_LOCAL:-/etc/rc.local}
# auto | systemd | sysv | rclocal | none
BD_INIT=${BRANCHDESK_INIT:-auto}
# Commands that change the init system; tests set them to `true`.
BD_SYSTEMCTL=${BRANCHDESK_SYSTEMCTL:-systemctl}
BD_SYSV_REGISTER=${BRANCHDESK_SYSV_REGISTER:-auto}
# iptables or iptables-legacy: the backend the box's other rules live in.
BD_IPT=${BRANCHDESK_IPTABLES:-iptables}
BD_WAIT=${BRANCHDESK_WAIT_SECONDS:-120}
# auto | mkdir: busybox builds often lack flock; tests force the fallback.
BD_LOCK_KIND=${BRANCHDESK_LOCK:-auto}
# BD_SYSCTL_KEYS, BD_PAYLOAD_FILES, BD_TOKEN_*, BD_TIMEOUT_*: generated ahead
# of this file from lib/rollout/ssh/agent-constants.ts (the dashboard's values).
BD_SH=${BRANCHDESK_SH:-sh}
# The bundle's directory (payload files). Not inherited: the dead-man timer
# outlives it.
BD_BUNDLE_DIR=${BRANCHDESK_PAYLOAD:-}
unset BRANCHDESK_PAYLOAD
BD_EB_FLAVOUR=
BD_EB_VERSION=
BD_IPT_VERSION=
BD_NL='
'

# A non-login SSH shell may lack the sbin directories; appended so a test's PATH wins.
PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/bin:/bin"
export PATH
# Payload lines are validated tokens split on purpose; never let them glob.
set -f
umask 022
# Byte semantics for awk, tr and case patterns, whatever the SSH locale.
LC_ALL=C
export LC_ALL

bd_log() { printf '%s\n' "branchdesk-agent: $*" >&2; }
bd_have() { command -v "$1" >/dev/null 2>&1; }

# Whole input as a JSON string literal. Control characters other than tab,
# CR and LF are dropped: tool error messages are text, never binary.
bd_json_text() {
  tr -d '\000-\010\013\014\016-\037\177' | awk '
    BEGIN { ORS = ""; printf "\"" }
    {
      gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
      if (NR > 1) printf "\\n"
      printf "%s", $0
    }
    END { printf "\"" }'
}
# A string as JSON; plain printable text skips the two processes above.
bd_json_str() {
  case $1 in
    *[!\ -~]* | *\"* | *\\*) printf '%s' "$1" | bd_json_text ;;
    *) printf '"%s"' "$1" ;;
  esac
}

# base64 of a file on one line; busybox and coreutils wrap at 76 columns.
bd_b64() {
  if base64 -w 0 <"$1" 2>/dev/null; then :
  elif bd_have base64; then base64 <"$1" | tr -d '\n'
  elif bd_have openssl; then openssl base64 -A <"$1"
  else bd_log "neither base64 nor openssl found"; return 1
  fi
}

# BD_SHA: "sha256:<hex>" per file, space-separated, in one process.
bd_sha256() {
  BD_SHA=
  if bd_have sha256sum; then
    # shellcheck disable=SC2046 # "<hex> <file>" pairs, split on purpose
    set -- $(sha256sum "$@")
    while [ "$#" -ge 2 ]; do BD_SHA="${BD_SHA:+$BD_SHA }sha256:$1"; shift 2; done
  else
    for bd_f in "$@"; do BD_SHA="${BD_SHA:+$BD_SHA }cksum:$(cksum <"$bd_f" | tr ' ' '-')"; done
  fi
}

# Prints the failure JSON and exits 1. Stage names where it stopped.
bd_fail() {
  printf '{"ok":false,"verb":"%s","stage":"%s","error":%s%s}\n' \
    "$BD_VERB" "$1" "$(bd_json_str "$2")" "${3:-}"
  exit 1
}

bd_is_uint() { case $1 in '' | *[!0-9]*) return 1 ;; *) return 0 ;; esac; }

# AGENT_TOKEN in lib/rollout/ssh/agent-constants.ts, from the same variables.
bd_valid_token() {
  case $1 in '' | [!$BD_TOKEN_FIRST]* | *[!$BD_TOKEN_CHARS]*) return 1 ;; esac
  [ "${#1}" -le "$BD_TOKEN_MAX" ]
}

# One agent at a time per box. flock releases by itself when the holder dies;
# busybox builds without flock get a mkdir lock whose holder pid is checked.
# $1: seconds to wait (0: fail at once).
bd_lock() {
  # shellcheck disable=SC2174 # created private, only its last component: /run stays as it is
  [ -d "$BD_RUN" ] || mkdir -p -m 700 "$BD_RUN" || return 1
  bd_lock_wait=$1
  if [ "$BD_LOCK_KIND" != mkdir ] && bd_have flock; then
    exec 9>>"$BD_RUN/agent.lock"
    while ! flock -n 9; do
      [ "$bd_lock_wait" -gt 0 ] || return 1
      bd_lock_wait=$((bd_lock_wait - 1))
      sleep 1
    done
  else
    while ! mkdir "$BD_RUN/agent.lock.d" 2>/dev/null; do
      bd_get "$BD_RUN/agent.lock.d/pid"
      if [ -n "$BD_GOT" ] && ! kill -0 "$BD_GOT" 2>/dev/null; then
        rm -rf "$BD_RUN/agent.lock.d"
        continue
      fi
      [ "$bd_lock_wait" -gt 0 ] || return 1
      bd_lock_wait=$((bd_lock_wait - 1))
      sleep 1
    done
    echo $$ >"$BD_RUN/agent.lock.d/pid"
    BD_MKDIR_LOCK=1
  fi
  echo $$ >"$BD_RUN/agent.lock.pid"
  return 0
}

bd_lock_or_fail() {
  bd_lock "${1:-0}" && return 0
  bd_get "$BD_RUN/agent.lock.pid"
  bd_lf_msg="another branchdesk-agent run holds $BD_RUN/agent.lock (last taken by pid ${BD_GOT:-unknown})"
  bd_fail lock "$bd_lf_msg; try again when it has finished"
}

# Scratch directory for this run, removed on exit.
# Scratch files go into the bundle's own directory when there is one (it
# removes it; one mktemp and one rm fewer per call), else into a new one,
# made only when first needed (bd_tmp): a confirm never reads the tables.
bd_scratch() {
  BD_TMP='' BD_TMP_OWN=''
  [ -z "$BD_BUNDLE_DIR" ] || [ ! -d "$BD_BUNDLE_DIR" ] || BD_TMP=$BD_BUNDLE_DIR
  trap '[ -z "${BD_TMP_OWN:-}" ] || rm -rf "$BD_TMP"; [ -z "${BD_MKDIR_LOCK:-}" ] || rm -rf "$BD_RUN/agent.lock.d"' EXIT
  trap 'exit 1' HUP INT TERM
}
bd_tmp() {
  [ -z "$BD_TMP" ] || return 0
  BD_TMP=$(mktemp -d "${TMPDIR:-/tmp}/branchdesk-agent.XXXXXX") || bd_fail setup "mktemp -d failed"
  BD_TMP_OWN=1
}

# Runs "$@" detached from this session (no shared fds, own session), so an
# SSH channel or a boot script does not wait for it.
bd_detach() { # log cmd...
  bd_d_log=$1; shift
  if bd_have setsid; then
    setsid "$@" </dev/null >>"$bd_d_log" 2>&1 9>&- &
  else
    (trap '' HUP; exec "$@") </dev/null >>"$bd_d_log" 2>&1 9>&- &
  fi
}
