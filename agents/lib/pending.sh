# The one unconfirmed apply a box may hold, read with builtins only. Shared
# by the agent (MANIFEST) and by the dashboard's state read before a plan
# (lib/rollout/ssh/read-state.ts ships this file ahead of its own few lines), so
# both tell "pending" the same way: a box whose running rules are an
# unconfirmed apply's is in flux, not converged.

# State of the dead-man lives here (tmpfs: a reboot drops a pending apply).
BD_RUN=${BRANCHDESK_RUN:-/run/branchdesk}

# Small state files are read with the `read` builtin: no process per read.
bd_get() { # file -> BD_GOT ("" when missing)
  BD_GOT=
  [ ! -r "$1" ] || read -r BD_GOT <"$1" || :
}

# BD_NOW: seconds since boot, with builtins. Deadlines must not move when NTP
# steps the wall clock, and they live in /run, which a reboot empties anyway.
bd_now() { read -r bd_up _ </proc/uptime; BD_NOW=${bd_up%%.*}; }

bd_pending_token() { bd_get "$BD_RUN/pending/token"; BD_PENDING=$BD_GOT; }

bd_seconds_left() {
  bd_get "$BD_RUN/pending/deadline"; bd_now
  BD_LEFT=$(( ${BD_GOT:-0} - BD_NOW ))
  [ "$BD_LEFT" -gt 0 ] || BD_LEFT=0
}

# BD_START: a process's start time (field 22 of /proc/PID/stat, after the
# parenthesised name), read with builtins. Pid + start time name one process.
# BD_PSTATE: its state letter (field 3; Z: dead, waiting to be reaped).
bd_proc_start() { # pid
  BD_START=
  BD_PSTATE=
  [ -r "/proc/$1/stat" ] && read -r bd_ps <"/proc/$1/stat" || return 1
  # shellcheck disable=SC2086 # numeric fields, split on purpose
  set -- ${bd_ps##*) }
  [ "$#" -ge 20 ] || return 1
  BD_PSTATE=$1
  shift 19
  BD_START=$1
}

# Alive and really our timer: a pid from a file may have been reused since.
# The timer records its own start time; a timer started by an older agent
# (no timer.start) is recognised by its command line. BD_GOT: its pid. A
# killed timer stays a zombie until its (re)parent reaps it, which a
# container's init may do late: it never fires, so it is not alive.
bd_timer_alive() {
  bd_get "$BD_RUN/pending/timer.start"; bd_ta_start=$BD_GOT
  bd_get "$BD_RUN/pending/timer.pid"
  [ -n "$BD_GOT" ] && [ -r "/proc/$BD_GOT/cmdline" ] || return 1
  if [ -n "$bd_ta_start" ]; then
    bd_proc_start "$BD_GOT" && [ "$BD_START" = "$bd_ta_start" ] && [ "$BD_PSTATE" != Z ]
  else
    tr '\000' ' ' <"/proc/$BD_GOT/cmdline" | grep -q ' _deadman '
  fi
}

# BD_PENDING, BD_LEFT and BD_PALIVE (true|false) of the pending apply;
# BD_PENDING is empty when there is none.
bd_pending_facts() {
  bd_pending_token
  [ -n "$BD_PENDING" ] || return 0
  bd_seconds_left
  if bd_timer_alive; then BD_PALIVE=true; else BD_PALIVE=false; fi
}

# "TOKEN SECONDS-LEFT alive|stopped", or nothing: the state read's line.
# shellcheck disable=SC2317 # run by the dashboard's state read, not by the agent
bd_pending_words() {
  bd_pending_facts
  [ -n "$BD_PENDING" ] || return 0
  if [ "$BD_PALIVE" = true ]; then bd_pw=alive; else bd_pw=stopped; fi
  printf '%s %s %s\n' "$BD_PENDING" "$BD_LEFT" "$bd_pw"
}
