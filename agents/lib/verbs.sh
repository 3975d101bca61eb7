# read, status, confirm, rollback: each prints exactly one JSON object.

bd_json_bool() { if "$@"; then printf true; else printf false; fi; }
bd_json_or_null() { if [ -n "$1" ]; then bd_json_str "$1"; else printf null; fi; }

# The same facts as the dashboard's state read (bd_pending_words).
bd_pending_json() {
  bd_pending_facts
  if [ -z "$BD_PENDING" ]; then printf null; return; fi
  printf '{"token":"%s","secondsLeft":%s,"timerAlive":%s}' "$BD_PENDING" "$BD_LEFT" "$BD_PALIVE"
}

bd_persisted_json() {
  bd_get "$BD_ETC/active"; bd_pj_a=${BD_GOT#rules.}
  bd_get "$BD_ETC/pending"; bd_pj_p=${BD_GOT#rules.}
  printf '{"active":%s,"pending":%s}' "$(bd_json_or_null "$bd_pj_a")" "$(bd_json_or_null "$bd_pj_p")"
}

bd_verb_read() {
  bd_scratch
  bd_tmp # before "$BD_TMP/..." is expanded below
  bd_state_canon "$BD_TMP/now.canon" || bd_fail read "$BD_FAIL_MSG"
  case $BD_EB_FLAVOUR in nft) bd_r_fmt=save ;; legacy) bd_r_fmt=list ;; *) bd_r_fmt=absent ;; esac
  # iptables-nft's save header names its backend; legacy's does not: ask -V.
  case $BD_IPT_VERSION in
    *'('*')'*) ;;
    *) BD_IPT_VERSION=$("$BD_IPT" -V 2>&1 </dev/null); BD_IPT_VERSION=${BD_IPT_VERSION%%"$BD_NL"*} ;;
  esac
  bd_sha256 "$BD_TMP/now.canon"
  printf '{"ok":true,"verb":"read","agentVersion":%s,"iptablesNat":"%s","ebtablesNat":"%s","ebtablesFormat":"%s",' \
    "$BD_AGENT_VERSION" "$(bd_b64 "$BD_TMP/cur.ipt")" "$(bd_b64 "$BD_EB_RAW")" "$bd_r_fmt"
  printf '"sysctl":{'
  bd_r_sep=
  for bd_kv in $BD_CURSYS; do
    printf '%s"%s":%s' "$bd_r_sep" "${bd_kv%%=*}" "$(bd_json_str "${bd_kv#*=}")"
    bd_r_sep=,
  done
  printf '},"pending":%s,"persisted":%s,' "$(bd_pending_json)" "$(bd_persisted_json)"
  printf '"tools":{"iptables":%s,"ebtables":%s},"counts":%s,"digest":"%s"}\n' \
    "$(bd_json_str "$BD_IPT_VERSION")" "$(bd_json_or_null "$BD_EB_VERSION")" "$BD_COUNTS" "$BD_SHA"
}

bd_verb_status() {
  bd_scratch
  bd_lock_or_fail 10
  bd_heal_overdue || bd_fail rollback "overdue rollback failed: $BD_FAIL_MSG"
  printf '{"ok":true,"verb":"status","pending":['
  [ ! -d "$BD_RUN/pending" ] || bd_pending_json
  printf '],"persisted":%s,"recent":[' "$(bd_persisted_json)"
  bd_s_sep=
  bd_s_n=0
  # shellcheck disable=SC2045 # token names are validated: no blanks, no globs
  for bd_t in $(ls -t "$BD_RUN/tokens" 2>/dev/null); do
    bd_s_n=$((bd_s_n + 1))
    # Keep the 50 newest; tokens are only looked up by a retrying dashboard.
    if [ "$bd_s_n" -gt 50 ]; then rm -f "$BD_RUN/tokens/$bd_t"; continue; fi
    bd_outcome "$bd_t"
    printf '%s{"token":"%s","outcome":%s}' "$bd_s_sep" "$bd_t" "$(bd_json_str "$BD_OUTCOME")"
    bd_s_sep=,
  done
  printf ']}\n'
}

bd_token_arg() { # args...
  [ "$#" -eq 1 ] || bd_fail args "usage: $BD_VERB TOKEN"
  bd_valid_token "$1" || bd_fail args "token $(bd_json_str "$1") is not valid: use $BD_TOKEN_RULE"
  BD_TOKEN=$1
}

bd_verb_confirm() {
  bd_token_arg "$@"
  bd_scratch
  bd_lock_or_fail 30
  bd_outcome "$BD_TOKEN"
  case $BD_OUTCOME in
    confirmed)
      printf '{"ok":true,"verb":"confirm","token":"%s","confirmed":true,"already":true}\n' "$BD_TOKEN"; return ;;
    unchanged)
      printf '{"ok":true,"verb":"confirm","token":"%s","confirmed":true,"armed":false}\n' "$BD_TOKEN"; return ;;
    pending) ;;
    ?*) bd_fail confirm "token $BD_TOKEN cannot be confirmed: $BD_OUTCOME" ;;
  esac
  bd_pending_token
  [ "$BD_PENDING" = "$BD_TOKEN" ] || bd_fail confirm "no pending apply with token $BD_TOKEN"
  bd_seconds_left
  if [ "$BD_LEFT" -le 0 ]; then
    bd_rollback_pending "confirmation arrived after the deadline" ||
      bd_fail rollback "confirmation arrived after the deadline and the rollback FAILED: $BD_FAIL_MSG"
    bd_fail confirm "confirmation for $BD_TOKEN arrived after the deadline: rolled back" ',"rolledBack":true'
  fi
  # Not promoted then: the change stays pending and the dead-man rolls it back.
  bd_etc_promote || bd_fail persist "$BD_FAIL_MSG"
  bd_kill_timer
  rm -rf "$BD_RUN/pending"
  bd_set_outcome "$BD_TOKEN" confirmed
  printf '{"ok":true,"verb":"confirm","token":"%s","confirmed":true,"persisted":"active","bootHook":"%s"}\n' \
    "$BD_TOKEN" "$BD_HOOK"
}

bd_verb_rollback() {
  bd_token_arg "$@"
  bd_scratch
  bd_lock_or_fail 30
  bd_outcome "$BD_TOKEN"
  case $BD_OUTCOME in
    rolled-back*) printf '{"ok":true,"verb":"rollback","token":"%s","rolledBack":true,"already":true,"reason":%s}\n' \
      "$BD_TOKEN" "$(bd_json_str "${BD_OUTCOME#rolled-back }")"; return ;;
    unchanged)
      printf '{"ok":true,"verb":"rollback","token":"%s","rolledBack":false,"note":"%s"}\n' \
        "$BD_TOKEN" "nothing was armed for this token"; return ;;
    pending) ;;
    ?*) bd_fail rollback "token $BD_TOKEN cannot be rolled back: $BD_OUTCOME" ;;
  esac
  bd_pending_token
  [ "$BD_PENDING" = "$BD_TOKEN" ] || bd_fail rollback "no pending apply with token $BD_TOKEN"
  bd_rollback_pending "rollback requested" || bd_fail rollback "ROLLBACK FAILED: $BD_FAIL_MSG"
  bd_tmp
  bd_state_canon "$BD_TMP/after.canon" || bd_fail readback "rolled back, but cannot read the nat tables back"
  bd_sha256 "$BD_TMP/after.canon"
  printf '{"ok":true,"verb":"rollback","token":"%s","rolledBack":true,"counts":%s,"digestAfter":"%s"}\n' \
    "$BD_TOKEN" "$BD_COUNTS" "$BD_SHA"
}
