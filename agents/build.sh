#!/bin/sh
# Prints the single-file agent (the files in MANIFEST, in order), for manual
# use: sh agents/build.sh > /tmp/branchdesk-agent.sh
cd "$(dirname "$0")" || exit 1
printf '#!/bin/sh\n'
grep -v -e '^#' -e '^$' MANIFEST | while read -r f; do cat "$f" || exit 1; done
