#!/usr/bin/env node
// `npx branchdesk ...` from a checkout (package.json "bin"): runs scripts/branchdesk.ts through the
// repository's own tsx, in this process (no second node), with the repository's tsconfig (its "@/" paths)
// wherever it is called from. The TypeScript is CommonJS (no "type" in package.json): tsx's require hook
// loads it.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/cjs/api";

const here = path.dirname(fileURLToPath(import.meta.url));
register({ tsconfig: path.join(here, "..", "tsconfig.json") });
createRequire(import.meta.url)("./branchdesk.ts");
