# The payload (lib/domain/rules/README.md has the renderer's side):
#   branchdesk.iptables  iptables-restore input declaring only BRANCHDESK-* chains
#   branchdesk.ebtables  ebtables-restore input declaring only BRANCHDESK-ARP
#   branchdesk.jumps     "TOOL nat FROM CHAIN" per line
#   branchdesk.sysctl    key=value per line
#   branchdesk.modules   modules the sysctls need (loaded only when a key is missing)
#   branchdesk.adopt     hand-made lines of built-in chains to delete (adoption, issue 13)
#   branchdesk.bridge    the interface restore waits for at boot (may be empty)
#   branchdesk.builtin   (rollback snapshots only) built-in chains as they were before an adoption
#
# The planner (lib/plan.awk, shipped as $BD_AWK_PLAN): ONE awk pass over the
# payload files and the current tables (process spawns dominate the agent's
# cost on small boxes). It validates the payload, reduces both sides to Branchdesk's own state (chains BRANCHDESK-*,
# their rules, every jump to them, the sysctls) and writes:
#   before.canon / desired.canon  canonical owned state (equal text = no change)
#   tx.iptables / tx.ebtables     the one transaction per table
#   $snap/branchdesk.*            the current owned state as a payload (rollback)
# stdout: "ok noop|change IPTWORK EBWORK" or "error: MESSAGE" (exit 1).
# mode=canon reads only the current tables: before.canon, counts on stdout.
#
# Validation (strict=1, a dashboard payload) is structural: the payload may
# only declare and fill BRANCHDESK-* chains in the nat table, never flush a
# built-in chain or touch another table; rule syntax is left to the tools.

# Runs the planner. $1 payload dir ("" for mode=canon), $2 strict, $3 snapshot
# dir or "", $4 (mode=canon) the file for the canonical text. Needs
# bd_read_state first. Sets BD_PLAN ("noop"/"change"), BD_IPT_WORK,
# BD_EB_WORK (lines that do work), or BD_FAIL_MSG.
bd_planner() {
  if [ -z "$1" ]; then
    BD_COUNTS=$(awk -v mode=canon -v out="$BD_TMP" -v beforefile="${4:-}" -v cursys="$BD_CURSYS" \
      -v keys="$BD_SYSCTL_KEYS" -v ebflavour="$BD_EB_FLAVOUR" "$BD_AWK_PLAN" "$BD_TMP/cur.ipt" "$BD_TMP/cur.eb") ||
      { BD_FAIL_MSG="cannot reduce the tables"; return 1; }
    return 0
  fi
  bd_pl_dir=$1 bd_pl_strict=$2 bd_pl_snap=$3
  # The payload files in BD_PAYLOAD_FILES order (declarations before jumps), then the tables.
  set --
  for bd_f in $BD_PAYLOAD_FILES; do
    [ -e "$bd_pl_dir/$bd_f" ] || : >"$bd_pl_dir/$bd_f"
    set -- "$@" "$bd_pl_dir/$bd_f"
  done
  # A rollback snapshot of an adoption also rewrites the built-in chains it touched.
  [ ! -e "$bd_pl_dir/branchdesk.builtin" ] || set -- "$@" "$bd_pl_dir/branchdesk.builtin"
  bd_pl_out=$(awk -v mode=plan -v strict="$bd_pl_strict" -v out="$BD_TMP" -v snap="$bd_pl_snap" \
    -v cursys="$BD_CURSYS" -v keys="$BD_SYSCTL_KEYS" -v ebflavour="$BD_EB_FLAVOUR" "$BD_AWK_PLAN" \
    "$@" "$BD_TMP/cur.ipt" "$BD_TMP/cur.eb")
  case $bd_pl_out in
    'ok '*)
      # shellcheck disable=SC2086 # "ok PLAN N N", split on purpose
      set -- $bd_pl_out
      BD_PLAN=$2 BD_IPT_WORK=$3 BD_EB_WORK=$4 ;;
    *) BD_FAIL_MSG=${bd_pl_out#error: }; [ -n "$BD_FAIL_MSG" ] || BD_FAIL_MSG="the planner failed"; return 1 ;;
  esac
}
