# Branchdesk agent: applies Branchdesk's NAT rules on a host or gateway,
# atomically, with a dead-man rollback, and persists them for boot.
# Verbs (each prints one JSON object on stdout; see agents/README.md):
#   read | apply --token T [--confirm-timeout N] [--payload DIR]
#   confirm T | rollback T | status | restore [--background | --wait N]
# Built by concatenating the files in agents/MANIFEST; run as a file
# (`sh branchdesk-agent.sh VERB ...`): the dead-man re-runs this same file.

# The bundle runs this file with `.` in a subshell (no second `sh`) and names it.
BD_SELF=${BRANCHDESK_SELF:-$0}
unset BRANCHDESK_SELF
BD_VERB=${1:-}
[ "$#" -eq 0 ] || shift
case $BD_VERB in
  read) bd_verb_read "$@" ;;
  apply) bd_verb_apply "$@" ;;
  confirm) bd_verb_confirm "$@" ;;
  rollback) bd_verb_rollback "$@" ;;
  status) bd_verb_status "$@" ;;
  restore) bd_verb_restore "$@" ;;
  _deadman) bd_deadman "$@" ;;
  *)
    BD_VERB=usage
    bd_usage="usage: branchdesk-agent.sh read | apply --token T [--confirm-timeout N] | confirm T | rollback T"
    bd_fail args "$bd_usage | status | restore" ;;
esac
exit 0
