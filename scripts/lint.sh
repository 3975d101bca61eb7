#!/bin/sh
# Lint and format, run by `npm test` (scripts/test.sh) and alone by `npm run lint`:
#   eslint (typescript-eslint, React hooks, Next.js rules), prettier --check,
#   ShellCheck at POSIX sh level (the agent as shipped, and every other script),
#   and no source line over 120 characters outside generated files.
set -eu
cd "$(dirname "$0")/.."
failed=0
step() { printf '\n-- %s\n' "$*"; }

step "eslint"
npx eslint --max-warnings 0 . || failed=1

step "prettier --check (fix: npx prettier --write .)"
npx prettier --check --log-level warn . || failed=1

step "shellcheck (the agent at POSIX sh level, scripts by their shebang)"
# agents/lib/*.sh and agents/branchdesk-agent.sh are fragments of one script (agents/MANIFEST):
# check the agent as shipped, where every variable a fragment sets is used by another.
agent=$(mktemp)
trap 'rm -f "$agent"' EXIT
sh agents/build.sh >"$agent"
shellcheck -s sh -S warning "$agent" || { echo "(line numbers above are in: sh agents/build.sh)"; failed=1; }
# Every other script at the level its shebang names (POSIX sh, except scripts/test.sh: bash).
git ls-files -co --exclude-standard -- '*.sh' ':!agents/lib/*.sh' ':!agents/branchdesk-agent.sh' |
  xargs shellcheck -S warning || failed=1

step "lines over 120 characters"
long=$(git ls-files -co --exclude-standard -- '*.ts' '*.tsx' '*.mts' '*.js' '*.mjs' '*.css' '*.sh' '*.awk' \
  ':!prisma/generated/**' ':!**/testdata/**' | while read -r f; do [ -f "$f" ] && echo "$f"; done |
  xargs awk 'length > 120 { printf "%s:%d: %d characters\n", FILENAME, FNR, length }')
if [ -n "$long" ]; then echo "$long"; failed=1; fi

[ "$failed" = 0 ] && echo "lint: clean"
exit "$failed"
