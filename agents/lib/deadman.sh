# The dead-man: an apply stays live only until the dashboard confirms it.
# State lives in $BD_RUN (tmpfs): pending/{token,deadline,snapshot/,timer.pid}
# for the one unconfirmed apply, tokens/<token> for what became of a token.

# bd_get, bd_pending_token, bd_seconds_left, bd_timer_alive: lib/pending.sh.
bd_outcome() { bd_get "$BD_RUN/tokens/$1"; BD_OUTCOME=$BD_GOT; }
bd_set_outcome() { # token outcome
  [ -d "$BD_RUN/tokens" ] || mkdir -p "$BD_RUN/tokens"
  printf '%s\n' "$2" >"$BD_RUN/tokens/$1"
}

bd_kill_timer() {
  bd_timer_alive && [ "$BD_GOT" != "$$" ] && kill -TERM "$BD_GOT" 2>/dev/null
  return 0
}

# The timer as it waits: a few lines of sh, so the shell it starts does not
# parse the whole agent for a wait that almost always ends in a confirm (the
# apply's TERM). Only when the deadline passes with the token still pending
# does it exec the persisted agent (same pid) to roll back. $1 shell, $2 run
# dir, $3 agent, $4 token.
# shellcheck disable=SC2016 # a script for `sh -c`, expanded there
BD_TIMER_SH='trap "" HUP
trap "kill \"\${s:-}\" 2>/dev/null; exit 0" TERM
while :; do
  t=; [ ! -r "$2/pending/token" ] || read -r t <"$2/pending/token" || :
  [ "$t" = "$4" ] || exit 0
  d=0; [ ! -r "$2/pending/deadline" ] || read -r d <"$2/pending/deadline" || :
  read -r u _ </proc/uptime
  [ $((d - ${u%%.*})) -gt 0 ] || break
  sleep $((d - ${u%%.*})) & s=$!
  wait "$s"
done
exec "$1" "$3" _deadman "$4"'

# Starts the timer detached (bd_detach): sshd closes the channel as soon as
# the agent exits, and the timer outlives the SSH session. When it fires it
# runs the copy of the agent persisted with this apply (written before
# arming). setsid (or the fallback's exec) keeps the background job's pid,
# so this shell records the timer's pid and start time itself: no waiting
# for the timer to announce itself. pending/ is new (renamed from pending.new).
bd_arm() { # token
  [ -r "$BD_ETC/rules.$1/branchdesk-agent.sh" ] || return 1
  bd_detach "$BD_RUN/deadman.log" "$BD_SH" -c "$BD_TIMER_SH" branchdesk-deadman \
    "$BD_SH" "$BD_RUN" "$BD_ETC/rules.$1/branchdesk-agent.sh" "$1"
  bd_arm_pid=$!
  bd_proc_start "$bd_arm_pid" || return 1
  printf '%s\n' "$BD_START" >"$BD_RUN/pending/timer.start" && echo "$bd_arm_pid" >"$BD_RUN/pending/timer.pid"
}

# Timer body: sleeps until the deadline in one `sleep`, interruptible (a
# trapped signal ends `wait` at once), then rolls back unless the pending
# state was confirmed or rolled back meanwhile.
bd_deadman() { # token
  trap '' HUP
  trap 'kill "${bd_sleeper:-}" 2>/dev/null; exit 0' TERM
  while :; do
    bd_pending_token
    [ "$BD_PENDING" = "$1" ] || exit 0
    bd_seconds_left
    [ "$BD_LEFT" -gt 0 ] || break
    sleep "$BD_LEFT" &
    bd_sleeper=$!
    wait "$bd_sleeper"
  done
  bd_lock 600 || { bd_log "dead-man $1: lock not free after 600 s"; exit 1; }
  bd_scratch
  # From here a stray TERM must not cut a rollback in half.
  trap '' HUP INT TERM
  bd_pending_token
  [ "$BD_PENDING" = "$1" ] || exit 0
  if bd_rollback_pending "not confirmed within the dead-man window"; then
    bd_log "dead-man $1: rolled back"
  else
    bd_log "dead-man $1: ROLLBACK FAILED: $BD_FAIL_MSG"
    exit 1
  fi
}

# With the lock held: snapshot back, pending persisted copy dropped (the
# active one, if any, is what a reboot restores), timer stopped.
bd_rollback_pending() { # reason
  bd_pending_token
  bd_rp_token=$BD_PENDING
  bd_restore_snapshot "$BD_RUN/pending/snapshot" ||
    { bd_set_outcome "$bd_rp_token" "rollback-failed $1: $BD_FAIL_MSG"; return 1; }
  bd_etc_drop_pending
  bd_kill_timer
  rm -rf "$BD_RUN/pending"
  bd_set_outcome "$bd_rp_token" "rolled-back $1"
}

# A pending apply whose deadline is long gone and whose timer died (killed,
# OOM) is rolled back by the next agent run that holds the lock.
bd_heal_overdue() {
  [ -d "$BD_RUN/pending" ] || return 0
  bd_get "$BD_RUN/pending/deadline"; bd_now
  [ "$BD_NOW" -ge $(( ${BD_GOT:-0} + 5 )) ] || return 0
  bd_timer_alive && return 0
  bd_rollback_pending "deadline passed while the timer was not running"
}
