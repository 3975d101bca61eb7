# apply and restore.

bd_apply_args() {
  BD_TOKEN=''
  BD_TIMEOUT=$BD_TIMEOUT_DEFAULT
  BD_PAYLOAD_DIR=$BD_BUNDLE_DIR
  while [ "$#" -gt 0 ]; do
    case $1 in
      --token) BD_TOKEN=${2:-} ;;
      --confirm-timeout) BD_TIMEOUT=${2:-} ;;
      --payload) BD_PAYLOAD_DIR=${2:-} ;;
      *) bd_fail args "unknown argument $(bd_json_str "$1")" ;;
    esac
    [ "$#" -ge 2 ] || bd_fail args "$1 needs a value"
    shift 2
  done
  bd_valid_token "$BD_TOKEN" || bd_fail args "--token is missing or not valid: use $BD_TOKEN_RULE"
  bd_is_uint "$BD_TIMEOUT" && [ "$BD_TIMEOUT" -ge "$BD_TIMEOUT_MIN" ] && [ "$BD_TIMEOUT" -le "$BD_TIMEOUT_MAX" ] ||
    bd_fail args "--confirm-timeout must be a whole number of seconds from $BD_TIMEOUT_MIN to $BD_TIMEOUT_MAX"
  [ -n "$BD_PAYLOAD_DIR" ] && [ -d "$BD_PAYLOAD_DIR" ] ||
    bd_fail args "no payload directory (--payload or BRANCHDESK_PAYLOAD)"
}

# True when two canonical files hold the same text. One sha256sum gives the
# digests the result reports anyway (BD_SHA: before after desired), so equal
# digests replace two `cmp` runs; the cksum fallback is compared with cmp.
# The same run digests the agent itself when its copy was persisted with
# this apply: the digest goes beside that copy, and confirm compares it with
# the boot agent's to skip copying an agent that did not change.
bd_apply_sha() {
  [ "${BD_SHA_OF:-}" = "$BD_AFTER" ] && return 0
  bd_as_self=
  [ -z "${BD_EW_NAME:-}" ] || [ ! -d "$BD_ETC/$BD_EW_NAME" ] ||
    case $BD_SELF in *[!A-Za-z0-9_./-]*) ;; /*/branchdesk-agent.sh) bd_as_self=$BD_SELF ;; esac
  # shellcheck disable=SC2086 # empty or one path without blanks
  bd_sha256 "$BD_TMP/before.canon" "$BD_AFTER" "$BD_TMP/desired.canon" $bd_as_self
  BD_SHA_OF=$BD_AFTER
  [ -n "$bd_as_self" ] || return 0
  # shellcheck disable=SC2086 # digests: no blanks
  set -- $BD_SHA
  printf '%s\n' "${4:-}" >"$BD_ETC/$BD_EW_NAME/branchdesk-agent.sha" || :
}
bd_same_canon() { # a b
  bd_apply_sha
  case $BD_SHA in sha256:*) ;; *) cmp -s "$1" "$2"; return ;; esac
  set -- $BD_SHA
  [ "$1" = "$2" ]
}

bd_apply_result() { # changed armed seconds persisted note
  bd_apply_sha
  # shellcheck disable=SC2086 # three "sha256:<hex>" words
  set -- "$@" $BD_SHA
  if [ "${6%%:*}" = sha256 ]; then bd_ar_match=false; [ "$7" != "$8" ] || bd_ar_match=true
  else bd_ar_match=$(bd_json_bool cmp -s "$BD_AFTER" "$BD_TMP/desired.canon")
  fi
  printf '{"ok":true,"verb":"apply","token":"%s","changed":%s,"armed":%s,"rollbackArmedSeconds":%s,' \
    "$BD_TOKEN" "$1" "$2" "$3"
  printf '"counts":%s,"digestBefore":"%s","digestAfter":"%s","matchesPayload":%s,"persisted":"%s","note":%s}\n' \
    "$BD_COUNTS" "$6" "$7" "$bd_ar_match" "$4" "$(bd_json_str "$5")"
}

# The box already runs this rule set: nothing to arm. The persisted copy is
# brought in line directly: a reboot would then restore exactly what runs.
bd_apply_unchanged() {
  bd_au=unchanged
  if ! bd_etc_same "$BD_PAYLOAD_DIR"; then
    bd_etc_set_pending "$BD_TOKEN" "$BD_PAYLOAD_DIR" && bd_etc_promote ||
      { bd_etc_drop_pending; bd_fail persist "${BD_FAIL_MSG:-cannot write $BD_ETC}"; }
    bd_au=active
  fi
  bd_set_outcome "$BD_TOKEN" unchanged
  bd_apply_result false false 0 "$bd_au" "no change: the box already runs this rule set; nothing armed"
}

# Undo after a failure past the snapshot: kernel state back, pending dropped.
bd_apply_undo() { # stage message
  bd_au_msg=$2
  if bd_restore_snapshot "$BD_RUN/pending/snapshot"; then bd_au_rb=true
  else bd_au_rb=false; bd_au_msg="$2; ROLLBACK FAILED: $BD_FAIL_MSG"; fi
  bd_etc_drop_pending
  bd_kill_timer
  rm -rf "$BD_RUN/pending"
  bd_fail "$1" "$bd_au_msg" ",\"rolledBack\":$bd_au_rb"
}

bd_verb_apply() {
  bd_apply_args "$@"
  bd_scratch
  bd_lock_or_fail 0
  bd_heal_overdue || bd_fail rollback "an overdue rollback failed: $BD_FAIL_MSG"
  bd_pending_token
  if [ -n "$BD_PENDING" ]; then
    bd_seconds_left
    bd_fail pending "apply $BD_PENDING is waiting for confirmation ($BD_LEFT s left): confirm or roll it back first"
  fi
  bd_outcome "$BD_TOKEN"
  [ -z "$BD_OUTCOME" ] && [ ! -e "$BD_ETC/rules.$BD_TOKEN" ] || bd_fail args "token $BD_TOKEN was already used"
  # One mkdir for the snapshot dir and tokens/ (bd_set_outcome needs it either way).
  { [ ! -e "$BD_RUN/pending.new" ] || rm -rf "$BD_RUN/pending.new"; } &&
    mkdir -p "$BD_RUN/pending.new/snapshot" "$BD_RUN/tokens" ||
    bd_fail snapshot "cannot create $BD_RUN/pending.new"
  bd_prepare "$BD_PAYLOAD_DIR" 1 "$BD_RUN/pending.new/snapshot" || bd_fail "$BD_FAIL_STAGE" "$BD_FAIL_MSG"
  # before.canon stays the state before: later canon runs write other files.
  BD_AFTER=$BD_TMP/after.canon
  if bd_noop; then
    rm -rf "$BD_RUN/pending.new"
    BD_AFTER=$BD_TMP/before.canon # nothing changes: after = before
    bd_planner "" 0 "" # counts of the current state (rewrites before.canon, same text)
    bd_apply_unchanged
    return
  fi
  # Pending state and timer come first: if this run dies half-way (SSH cut,
  # kill -9), the timer still puts the snapshot back.
  printf '%s\n' "$BD_TOKEN" >"$BD_RUN/pending.new/token"
  bd_now
  bd_armed_at=$BD_NOW
  echo $((BD_NOW + BD_TIMEOUT)) >"$BD_RUN/pending.new/deadline"
  bd_etc_set_pending "$BD_TOKEN" "$BD_PAYLOAD_DIR" || bd_fail persist "cannot write the pending copy under $BD_ETC"
  mv "$BD_RUN/pending.new" "$BD_RUN/pending" ||
    { bd_etc_drop_pending; bd_fail snapshot "cannot create $BD_RUN/pending"; }
  bd_set_outcome "$BD_TOKEN" pending
  bd_arm "$BD_TOKEN" || bd_apply_undo arm "the dead-man timer did not start (see $BD_RUN/deadman.log)"
  bd_kernel_apply "$BD_PAYLOAD_DIR" || bd_apply_undo "$BD_FAIL_STAGE" "$BD_FAIL_MSG"
  bd_state_canon "$BD_TMP/after.canon" || bd_apply_undo readback "cannot read the nat tables back"
  if bd_same_canon "$BD_TMP/before.canon" "$BD_TMP/after.canon"; then
    # Applied, but it reads back as before (the tools print a rule
    # differently from the payload): nothing to roll back either.
    bd_kill_timer
    rm -rf "$BD_RUN/pending"
    bd_etc_drop_pending
    bd_apply_unchanged
    return
  fi
  # The window counts from the moment the rules are live: the deadline only
  # moves later, which the sleeping timer notices when it wakes (rename: the
  # timer never reads a half-written file). Most applies take well under a
  # second, and then the deadline written at arming already is that moment.
  bd_now
  [ "$BD_NOW" -eq "$bd_armed_at" ] ||
    bd_put "$BD_RUN/pending/deadline" $((BD_NOW + BD_TIMEOUT)) ||
    bd_apply_undo arm "cannot write $BD_RUN/pending/deadline"
  bd_apply_result true true "$BD_TIMEOUT" pending ""
}
