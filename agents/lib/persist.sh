# Persistence under $BD_ETC (/etc/branchdesk):
#   rules.<token>/          one payload directory per apply (+ its agent copy)
#   pending                 names the rules dir of an apply waiting for confirm
#   active                  names the confirmed rules dir: the only one a boot restores
#   branchdesk-agent.sh     the confirmed agent, run by the boot hook
# A new copy is written as pending at apply time and becomes active only on
# confirm, by renaming one small file: a reboot before confirm (which also
# drops the dead-man, /run is tmpfs) boots the previous, confirmed rules.


# Atomic replace: write beside, then rename over (rename(2) is atomic).
bd_put() { # file content
  printf '%s\n' "$2" >"$1.tmp" && mv -f "$1.tmp" "$1"
}

# The copy goes straight to its final name: nothing reads a rules dir until
# the `pending` pointer (written last) names it, and a token is never reused,
# so a copy cut short by a crash is never booted or promoted.
bd_etc_write() { # token payload-dir -> BD_EW_NAME
  BD_EW_NAME=rules.$1
  # Process starts are most of the agent's cost: one mkdir (-p: $BD_ETC too),
  # one cp for the payload and the agent when the agent's file already has
  # its persisted name (it has, when the dashboard's bundle runs it).
  [ ! -e "$BD_ETC/$BD_EW_NAME" ] || rm -rf "${BD_ETC:?}/$BD_EW_NAME"
  mkdir -p "$BD_ETC/$BD_EW_NAME" || return 1
  bd_ew_self=
  # (absolute: the cp runs in $2; no blanks: the word is split)
  case $BD_SELF in *[!A-Za-z0-9_./-]*) ;; /*/branchdesk-agent.sh) bd_ew_self=$BD_SELF ;; esac
  # shellcheck disable=SC2086 # fixed file names
  (cd "$2" && cp $BD_PAYLOAD_FILES $bd_ew_self "$BD_ETC/$BD_EW_NAME/") || return 1
  [ -n "$bd_ew_self" ] || cp "$BD_SELF" "$BD_ETC/$BD_EW_NAME/branchdesk-agent.sh" || return 1
}

# No sync here: a box that crashes before the confirm boots the active copy
# anyway (the pending one is never restored); bd_etc_promote syncs. The
# pointer is written in place for the same reason: a torn pointer only names
# no directory, and confirm then refuses.
bd_etc_set_pending() { # token payload-dir
  bd_etc_write "$1" "$2" && printf '%s\n' "$BD_EW_NAME" >"$BD_ETC/pending"
}

bd_etc_drop_pending() {
  bd_get "$BD_ETC/pending"; bd_dp=$BD_GOT
  bd_get "$BD_ETC/active"
  rm -f "$BD_ETC/pending"
  [ -z "$bd_dp" ] || [ "$bd_dp" = "$BD_GOT" ] || rm -rf "${BD_ETC:?}/$bd_dp"
}

# The boot hook, then pending -> active. BD_HOOK: the hook kind installed.
# Hook first: when it cannot be installed the confirm fails with nothing
# promoted, the change stays pending and its dead-man rolls it back. (The
# other order left `active` naming a change that was then rolled back: the
# next boot would have restored it.) A new hook runs the boot agent only
# once `active` exists, which is written last.
bd_etc_promote() {
  bd_get "$BD_ETC/pending"; bd_pr_new=$BD_GOT
  [ -n "$bd_pr_new" ] && [ -d "$BD_ETC/$bd_pr_new" ] ||
    { BD_FAIL_MSG="no pending persisted copy in $BD_ETC"; return 1; }
  bd_install_boot_hook || return 1
  bd_get "$BD_ETC/active"; bd_pr_old=$BD_GOT
  # The boot agent is replaced by rename; the first one is copied straight to
  # its name (nothing runs it before `active` exists, written after it). An
  # agent whose digest (bd_apply_sha) equals the boot agent's is not copied;
  # the boot agent's digest file is emptied before a copy and written after
  # it, so a crash in between never vouches for the wrong file.
  bd_get "$BD_ETC/$bd_pr_new/branchdesk-agent.sha"; bd_pr_sha=$BD_GOT
  bd_get "$BD_ETC/branchdesk-agent.sha"
  if [ -n "$bd_pr_sha" ] && [ "$bd_pr_sha" = "$BD_GOT" ] && [ -f "$BD_ETC/branchdesk-agent.sh" ]; then :
  elif [ -e "$BD_ETC/branchdesk-agent.sh" ] || [ -e "$BD_ETC/active" ]; then
    : >"$BD_ETC/branchdesk-agent.sha" &&
      cp "$BD_ETC/$bd_pr_new/branchdesk-agent.sh" "$BD_ETC/branchdesk-agent.sh.tmp" &&
      mv -f "$BD_ETC/branchdesk-agent.sh.tmp" "$BD_ETC/branchdesk-agent.sh" &&
      printf '%s\n' "$bd_pr_sha" >"$BD_ETC/branchdesk-agent.sha"
  else
    cp "$BD_ETC/$bd_pr_new/branchdesk-agent.sh" "$BD_ETC/branchdesk-agent.sh" &&
      printf '%s\n' "$bd_pr_sha" >"$BD_ETC/branchdesk-agent.sha"
  fi &&
    bd_put "$BD_ETC/active" "$bd_pr_new" && rm -f "$BD_ETC/pending" && sync ||
    { BD_FAIL_MSG="cannot write $BD_ETC"; return 1; }
  [ -z "$bd_pr_old" ] || [ "$bd_pr_old" = "$bd_pr_new" ] || rm -rf "${BD_ETC:?}/$bd_pr_old"
}

# True when the active copy already holds exactly this payload.
bd_etc_same() { # payload-dir
  bd_get "$BD_ETC/active"; bd_es=$BD_GOT
  [ -n "$bd_es" ] || return 1
  # One sha256sum over all pairs instead of a cmp per file, when every file
  # exists and no path has a blank (its output is split on blanks).
  bd_es_list='' bd_es_fast=1 bd_es_n=2 # digests expected: a pair per payload file, and the agent's
  for bd_f in $BD_PAYLOAD_FILES; do
    [ -f "$1/$bd_f" ] && [ -f "$BD_ETC/$bd_es/$bd_f" ] || return 1
    bd_es_list="$bd_es_list $1/$bd_f $BD_ETC/$bd_es/$bd_f"
    bd_es_n=$((bd_es_n + 2))
  done
  [ -f "$BD_SELF" ] && [ -f "$BD_ETC/branchdesk-agent.sh" ] || return 1
  bd_es_list="$bd_es_list $BD_SELF $BD_ETC/branchdesk-agent.sh"
  case $bd_es_list in *[!A-Za-z0-9_./\ -]*) bd_es_fast= ;; esac
  case $1$BD_ETC$BD_SELF in *' '*) bd_es_fast= ;; esac
  if [ -n "$bd_es_fast" ] && bd_have sha256sum; then
    # shellcheck disable=SC2086 # checked above: no blanks, no glob characters
    bd_sha256 $bd_es_list
    BD_SHA_OF= # BD_SHA no longer holds the apply's digests
    # shellcheck disable=SC2086
    set -- $BD_SHA
    [ "$#" -eq "$bd_es_n" ] || return 1
    while [ "$#" -ge 2 ]; do [ "$1" = "$2" ] || return 1; shift 2; done
    return 0
  fi
  for bd_f in $BD_PAYLOAD_FILES; do cmp -s "$1/$bd_f" "$BD_ETC/$bd_es/$bd_f" || return 1; done
  cmp -s "$BD_SELF" "$BD_ETC/branchdesk-agent.sh"
}

# BD_HOOK: the boot hook kind (set directly: no $(...) subshell).
bd_init_kind() {
  if [ "$BD_INIT" != auto ]; then BD_HOOK=$BD_INIT
  elif [ -d /run/systemd/system ]; then BD_HOOK=systemd
  elif [ -d "$BD_INITD_DIR" ] && { bd_have update-rc.d || bd_have chkconfig; }; then BD_HOOK=sysv
  else BD_HOOK=rclocal
  fi
}

bd_env_line() {
  printf 'BRANCHDESK_ETC=%s BRANCHDESK_RUN=%s BRANCHDESK_IPTABLES=%s' "$BD_ETC" "$BD_RUN" "$BD_IPT"
}

# After= only orders start jobs: libvirt brings its networks up after its
# own start returns, so `restore` itself waits (bounded) for the bridge.
# CentOS 7's iptables/ebtables/firewalld services load whole tables when they
# start; ordering after them keeps them from wiping what was just restored.
bd_unit_text() { # -> BD_TEXT, without a `cat` process
  BD_TEXT="\
# Written by branchdesk-agent. Restores Branchdesk's NAT rules at boot.
[Unit]
Description=Branchdesk NAT rules (support SSH path)
Wants=network-online.target
After=network-online.target libvirtd.service
After=iptables.service ebtables.service firewalld.service nftables.service
RequiresMountsFor=$BD_ETC
ConditionPathExists=$BD_ETC/active

[Service]
Type=oneshot
RemainAfterExit=yes
Environment=\"BRANCHDESK_ETC=$BD_ETC\" \"BRANCHDESK_RUN=$BD_RUN\" \"BRANCHDESK_IPTABLES=$BD_IPT\"
ExecStart=/bin/sh $BD_ETC/branchdesk-agent.sh restore
TimeoutStartSec=$((BD_WAIT + 60))

[Install]
WantedBy=multi-user.target"
}

bd_initd_text() {
  cat <<EOF
#!/bin/sh
### BEGIN INIT INFO
# Provides:          branchdesk-rules
# Required-Start:    \$network \$remote_fs
# Required-Stop:
# Should-Start:      libvirtd libvirt-bin iptables ebtables firewalld
# Default-Start:     2 3 4 5
# Default-Stop:
# Short-Description: Branchdesk NAT rules (support SSH path)
### END INIT INFO
# chkconfig: 2345 99 01
# description: Restores Branchdesk's NAT rules once the bridge exists.
# Written by branchdesk-agent. Runs in the background: it waits for the bridge.
case "\$1" in
  start) $(bd_env_line) /bin/sh $BD_ETC/branchdesk-agent.sh restore --background ;;
esac
exit 0
EOF
}

# True when the file holds exactly this text (as bd_write_if_changed writes
# it: the text and a newline). Read with builtins: no cmp process.
bd_file_is() { # file text
  [ -f "$1" ] || return 1
  bd_fi='' bd_fi_sep='' bd_fi_l=''
  while IFS= read -r bd_fi_l; do bd_fi="$bd_fi$bd_fi_sep$bd_fi_l"; bd_fi_sep=$BD_NL; done <"$1"
  [ -z "$bd_fi_l" ] && [ "$bd_fi" = "$2" ]
}

# Sets BD_WROTE=1 when the file had to be (re)written.
bd_write_if_changed() { # file text mode
  BD_WROTE=
  bd_file_is "$1" "$2" && return 0
  BD_WROTE=1
  # umask is 022: a 644 file needs no chmod.
  printf '%s\n' "$2" >"$1.tmp" && { [ "$3" = 644 ] || chmod "$3" "$1.tmp"; } && mv -f "$1.tmp" "$1"
}

bd_install_boot_hook() {
  bd_init_kind
  case $BD_HOOK in
    systemd)
      bd_wants=$BD_SYSTEMD_DIR/multi-user.target.wants
      { [ -d "$bd_wants" ] || mkdir -p "$bd_wants"; } &&
        bd_unit_text && bd_write_if_changed "$BD_SYSTEMD_DIR/branchdesk-rules.service" "$BD_TEXT" 644 &&
        { [ -L "$bd_wants/branchdesk-rules.service" ] ||
          ln -sf ../branchdesk-rules.service "$bd_wants/branchdesk-rules.service"; } ||
        { BD_FAIL_MSG="cannot write the systemd unit in $BD_SYSTEMD_DIR"; return 1; }
      # Enabling is the symlink above; the reload only tells a running systemd.
      [ -z "$BD_WROTE" ] || $BD_SYSTEMCTL daemon-reload >/dev/null 2>&1 </dev/null || true ;;
    sysv)
      bd_write_if_changed "$BD_INITD_DIR/branchdesk-rules" "$(bd_initd_text)" 755 ||
        { BD_FAIL_MSG="cannot write $BD_INITD_DIR/branchdesk-rules"; return 1; }
      [ -n "$BD_WROTE" ] || return 0
      bd_reg=$BD_SYSV_REGISTER
      if [ "$bd_reg" = auto ]; then
        if bd_have update-rc.d; then bd_reg="update-rc.d branchdesk-rules defaults"
        else bd_reg="chkconfig --add branchdesk-rules"; fi
      fi
      bd_register_sysv "$bd_reg" ;;
    rclocal)
      bd_hook_line="$(bd_env_line) /bin/sh $BD_ETC/branchdesk-agent.sh restore --background # branchdesk-rules"
      if ! grep -qF "$bd_hook_line" "$BD_RC_LOCAL" 2>/dev/null; then
        [ -s "$BD_RC_LOCAL" ] || printf '#!/bin/sh\nexit 0\n' >"$BD_RC_LOCAL"
        # Before the final `exit 0` (Debian's template), or appended.
        awk -v hook="$bd_hook_line" '
          /# branchdesk-rules$/ { next }
          { lines[++n] = $0 } $0 ~ /^[ \t]*exit 0[ \t]*$/ { last = n }
          END { for (i = 1; i <= n; i++) { if (i == last) print hook; print lines[i] } if (!last) print hook }' \
          "$BD_RC_LOCAL" >"$BD_RC_LOCAL.tmp" && chmod 755 "$BD_RC_LOCAL.tmp" &&
          mv -f "$BD_RC_LOCAL.tmp" "$BD_RC_LOCAL" ||
          { BD_FAIL_MSG="cannot write $BD_RC_LOCAL"; return 1; }
      fi ;;
    none) ;;
    *) BD_FAIL_MSG="unknown BRANCHDESK_INIT=$BD_HOOK (systemd, sysv, rclocal, none)"; return 1 ;;
  esac
}

# Registers the init script (update-rc.d, chkconfig). On failure the script
# goes too, so the next confirm registers it again instead of finding it
# unchanged, and the message says what to check: update-rc.d only registers
# scripts in the system's own init directory (issue 8: a box whose
# BRANCHDESK_INITD_DIR was elsewhere failed with a bare "update-rc.d failed").
bd_register_sysv() { # command line
  # shellcheck disable=SC2086 # a command line from settings, split on purpose
  bd_rs_err=$($1 2>&1 >/dev/null </dev/null) && return 0
  rm -f "$BD_INITD_DIR/branchdesk-rules"
  bd_rs_err=${bd_rs_err%%"$BD_NL"*}
  case $BD_INIT in
    auto) bd_rs_why="auto chose sysv: no running systemd, and ${1%% *} is installed" ;;
    *) bd_rs_why="set to $BD_INIT" ;;
  esac
  BD_FAIL_MSG="the boot hook could not be registered: \`$1\` failed${bd_rs_err:+: $bd_rs_err};"
  BD_FAIL_MSG="$BD_FAIL_MSG check BRANCHDESK_INIT ($bd_rs_why; systemd, sysv, rclocal or none) and that"
  BD_FAIL_MSG="$BD_FAIL_MSG BRANCHDESK_INITD_DIR (here $BD_INITD_DIR) is the init directory"
  BD_FAIL_MSG="$BD_FAIL_MSG ${1%% *} reads, usually /etc/init.d"
  return 1
}
