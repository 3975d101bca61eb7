# restore: the boot path. Applies the active persisted copy the same atomic
# way as apply, once what it needs exists. No dead-man: this copy was
# confirmed by the dashboard before it became active.

# True when interface $1 exists in this network namespace. /proc/net/dev
# follows the reader's namespace even where /sys was not remounted.
bd_iface_exists() {
  awk -F: -v n="$1" '{ gsub(/[ \t]/, "", $1) } $1 == n { found = 1 } END { exit !found }' /proc/net/dev
}

# The restore tools (/usr may be mounted late) and the bridge, which libvirt
# creates after its own start has returned. Sets BD_WAITING to what is missing.
bd_restore_ready() { # dir
  BD_WAITING=
  [ ! -s "$1/branchdesk.iptables" ] || bd_have "$BD_IPT-restore" || { BD_WAITING="$BD_IPT-restore"; return 1; }
  [ ! -s "$1/branchdesk.ebtables" ] || bd_have ebtables || { BD_WAITING=ebtables; return 1; }
  bd_get "$1/branchdesk.bridge"
  [ -z "$BD_GOT" ] || bd_iface_exists "$BD_GOT" || { BD_WAITING="bridge $BD_GOT"; return 1; }
}

bd_verb_restore() {
  bd_rs_wait=$BD_WAIT
  case ${1:-} in
    --background)
      # Boot hooks without systemd must not block the boot while this waits.
      mkdir -p "$BD_RUN" || bd_fail setup "cannot create $BD_RUN"
      bd_detach "$BD_RUN/restore.log" "$BD_SH" "$BD_SELF" restore
      printf '{"ok":true,"verb":"restore","background":true}\n'; return ;;
    --wait) bd_is_uint "${2:-}" || bd_fail args "--wait needs a number of seconds"; bd_rs_wait=$2 ;;
    '') ;;
    *) bd_fail args "usage: restore [--background | --wait SECONDS]" ;;
  esac
  bd_scratch
  bd_lock_or_fail 60
  # A change waiting for confirmation owns the kernel state until its timer
  # decides; restoring over it would leave the timer a wrong snapshot.
  bd_pending_token
  [ -z "$BD_PENDING" ] || bd_fail pending "apply $BD_PENDING is waiting for confirmation: confirm or roll it back first"
  bd_get "$BD_ETC/active"
  if [ -z "$BD_GOT" ]; then
    printf '{"ok":true,"verb":"restore","restored":false,"note":%s}\n' \
      "$(bd_json_str "nothing persisted in $BD_ETC")"; return
  fi
  bd_rs_token=${BD_GOT#rules.}
  BD_PAYLOAD_DIR=$BD_ETC/$BD_GOT
  bd_now; bd_rs_start=$BD_NOW
  until bd_restore_ready "$BD_PAYLOAD_DIR"; do
    bd_now
    [ $((BD_NOW - bd_rs_start)) -lt "$bd_rs_wait" ] || break
    sleep 1
  done
  bd_now; bd_rs_waited=$((BD_NOW - bd_rs_start))
  bd_rs_warn=
  case $BD_WAITING in
    '') ;;
    bridge*) bd_rs_warn="$BD_WAITING did not appear within $bd_rs_wait s; rules applied without it" ;;
    *) bd_fail wait "$BD_WAITING not found within $bd_rs_wait s" ;;
  esac
  bd_tmp
  mkdir "$BD_TMP/snap" && bd_prepare "$BD_PAYLOAD_DIR" 1 "$BD_TMP/snap" || bd_fail "$BD_FAIL_STAGE" "$BD_FAIL_MSG"
  cp "$BD_TMP/before.canon" "$BD_TMP/pre.canon"
  if ! bd_noop; then
    if ! bd_kernel_apply "$BD_PAYLOAD_DIR"; then
      bd_rs_stage=$BD_FAIL_STAGE; bd_rs_msg=$BD_FAIL_MSG
      if bd_restore_snapshot "$BD_TMP/snap"; then bd_rs_rb=true; else bd_rs_rb=false; fi
      bd_fail "$bd_rs_stage" "$bd_rs_msg" ",\"rolledBack\":$bd_rs_rb"
    fi
  fi
  bd_state_canon "$BD_TMP/after.canon" || bd_fail readback "cannot read the nat tables back"
  bd_rs_changed=true
  ! cmp -s "$BD_TMP/pre.canon" "$BD_TMP/after.canon" || bd_rs_changed=false
  bd_sha256 "$BD_TMP/after.canon"
  bd_get "$BD_PAYLOAD_DIR/branchdesk.bridge"
  printf '{"ok":true,"verb":"restore","restored":true,"token":"%s","changed":%s,"waitedSeconds":%s,"bridge":%s,' \
    "$bd_rs_token" "$bd_rs_changed" "$bd_rs_waited" "$(bd_json_or_null "$BD_GOT")"
  printf '"counts":%s,"digestAfter":"%s","matchesPayload":%s,"warning":%s}\n' "$BD_COUNTS" "$BD_SHA" \
    "$(bd_json_bool cmp -s "$BD_TMP/after.canon" "$BD_TMP/desired.canon")" "$(bd_json_or_null "$bd_rs_warn")"
}
