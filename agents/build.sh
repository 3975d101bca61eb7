#!/bin/sh
# Prints the single-file agent exactly as the dashboard ships it: the
# constants generated from lib/rollout/ssh/agent-constants.ts, then the files in
# MANIFEST (lib/plan.awk as BD_AWK_PLAN). For manual use, from a checkout with
# node_modules:  sh agents/build.sh > /tmp/branchdesk-agent.sh
cd "$(dirname "$0")/.." || exit 1
printf '#!/bin/sh\n'
exec ./node_modules/.bin/tsx -e \
  'import("./lib/rollout/ssh/agent-source.ts").then((m) => process.stdout.write((m.default ?? m).agentSource()))'
