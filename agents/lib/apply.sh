# Applying a payload directory (the dashboard's, the persisted copy at boot,
# or a snapshot on rollback) the same atomic way every time: one
# `iptables-restore --noflush` transaction and one `ebtables-restore
# --noflush` transaction (ebtables-nft commits a restore as one nftables
# batch: a bad line leaves the table untouched, checked on 1.8.9). Each
# transaction deletes every jump to an owned chain, redeclares (= flushes)
# and refills the owned chains, and inserts the jumps at the top of their
# built-in chain, so re-runs never duplicate a jump and a duplicate left by
# an old `-A` script is healed. Chains Branchdesk does not own are never
# named, so libvirt's and docker's rules stay exactly as they are.

# Reads the box, plans and checks without changing anything. $1 payload dir,
# $2 strict (1: a dashboard payload), $3 snapshot dir or "". Sets BD_FAIL_MSG.
bd_prepare() {
  BD_FAIL_STAGE='read'
  bd_read_state || return 1
  BD_FAIL_STAGE=validate
  bd_planner "$1" "$2" "$3" || return 1
  if [ "$BD_EB_FLAVOUR" = absent ] && [ "$BD_EB_WORK" -gt 0 ]; then
    BD_FAIL_MSG="the payload has ebtables rules but ebtables is not installed"; return 1
  fi
  if [ "$BD_IPT_WORK" -gt 0 ] &&
    ! "$BD_IPT-restore" --test --noflush <"$BD_TMP/tx.iptables" >/dev/null 2>"$BD_TMP/test.err"; then
    bd_p_line=$(sed -n 's/^Error occurred at line: \([0-9]*\).*/\1/p' "$BD_TMP/test.err")
    BD_FAIL_MSG="$BD_IPT-restore --test rejected the rules: $(cat "$BD_TMP/test.err")"
    [ -z "$bd_p_line" ] || BD_FAIL_MSG="$BD_FAIL_MSG (line: $(sed -n "${bd_p_line%%[!0-9]*}p" "$BD_TMP/tx.iptables"))"
    return 1
  fi
  # ebtables-nft-restore has no --test. ebtables-translate parses a rule
  # without touching the kernel and exits 2 (PARAMETER_PROBLEM) on a syntax
  # error; 0 or 1 ("Translation not implemented", as for arpreply) means it
  # parsed. What it cannot judge still fails safely: the ebtables
  # transaction runs first and is all-or-nothing.
  [ "$2" = 1 ] && [ "$BD_EB_FLAVOUR" = nft ] && bd_have ebtables-translate || return 0
  while read -r bd_p_a bd_p_rest; do
    [ "$bd_p_a" = -A ] || continue
    # shellcheck disable=SC2086 # validated tokens, split on purpose
    ebtables-translate -t nat -A $bd_p_rest >/dev/null 2>"$BD_TMP/test.err" </dev/null
    if [ $? -eq 2 ]; then
      BD_FAIL_MSG="ebtables rejected the rule: $(cat "$BD_TMP/test.err") (line: -A $bd_p_rest)"; return 1
    fi
  done <"$1/branchdesk.ebtables"
}

bd_noop() { [ "$BD_PLAN" = noop ]; }

# Legacy ebtables (2.0.x): its restore replaces the whole table (libvirt's
# rules too), so the planned lines run as single commands. Not atomic; a
# failure is undone from the snapshot by the caller.
bd_eb_legacy_run() {
  while read -r bd_l; do
    [ "$bd_l" != "*nat" ] || continue
    # shellcheck disable=SC2086 # validated tokens, split on purpose
    ebtables -t nat $bd_l >/dev/null 2>"$BD_TMP/eb.err" </dev/null ||
      { BD_FAIL_MSG="ebtables -t nat $bd_l: $(cat "$BD_TMP/eb.err")"; return 1; }
  done <"$BD_TMP/tx.ebtables"
}

# Changes the kernel: modules (only when a key is missing), ebtables,
# iptables, sysctls. Uses the transactions bd_prepare wrote. On failure sets
# BD_FAIL_STAGE and BD_FAIL_MSG; the caller restores the snapshot.
bd_kernel_apply() { # dir
  bd_ka_mod=
  case $BD_CURSYS in
    *=absent*)
      while read -r bd_m; do
        case $bd_m in '' | '#'*) continue ;; esac
        # Built into the kernel (as here) modprobe fails; whether the key
        # then exists is what counts, checked below.
        modprobe "$bd_m" >/dev/null 2>"$BD_TMP/mod.err" </dev/null ||
          bd_ka_mod="$bd_ka_mod modprobe $bd_m: $(cat "$BD_TMP/mod.err")"
      done <"$1/branchdesk.modules" ;;
  esac
  BD_FAIL_STAGE=apply-ebtables
  if [ "$BD_EB_WORK" -gt 0 ]; then
    if [ "$BD_EB_FLAVOUR" = legacy ]; then
      bd_eb_legacy_run || return 1
    elif ! ebtables-restore --noflush <"$BD_TMP/tx.ebtables" >/dev/null 2>"$BD_TMP/eb.err"; then
      BD_FAIL_MSG="ebtables-restore --noflush failed, ebtables unchanged: $(cat "$BD_TMP/eb.err")"; return 1
    fi
  fi
  BD_FAIL_STAGE=apply-iptables
  if [ "$BD_IPT_WORK" -gt 0 ]; then
    "$BD_IPT-restore" --noflush <"$BD_TMP/tx.iptables" >/dev/null 2>"$BD_TMP/ipt.err" ||
      { BD_FAIL_MSG="$BD_IPT-restore --noflush failed: $(cat "$BD_TMP/ipt.err")"; return 1; }
  fi
  BD_FAIL_STAGE=sysctl
  # IFS with "=" splits "key=value" and "key = value" alike (validated lines).
  while IFS='= 	' read -r bd_key bd_val; do
    case $bd_key in '' | '#'*) continue ;; esac
    bd_key_path "$bd_key"
    [ -e "$BD_KPATH" ] ||
      { BD_FAIL_MSG="$bd_key does not exist on this kernel${bd_ka_mod:+ (}${bd_ka_mod}${bd_ka_mod:+)}"; return 1; }
    bd_v=
    { printf '%s\n' "$bd_val" >"$BD_KPATH"; } 2>"$BD_TMP/sysctl.err" && read -r bd_v <"$BD_KPATH"
    [ "$bd_v" = "$bd_val" ] || { BD_FAIL_MSG="cannot set $bd_key=$bd_val: $(cat "$BD_TMP/sysctl.err")"; return 1; }
  done <"$1/branchdesk.sysctl"
  BD_FAIL_STAGE=
}

# Re-applies a snapshot (rollback, or undoing a half-done apply).
bd_restore_snapshot() { # dir
  bd_prepare "$1" 0 "" || return 1
  bd_kernel_apply "$1"
}
