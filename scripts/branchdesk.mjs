#!/usr/bin/env node
// `npx branchdesk ...` from a checkout (package.json "bin"): runs scripts/branchdesk.ts through the
// repository's own tsx, in this process (no second node), as `node --import tsx` would, with the
// repository's tsconfig (its "@/" paths) wherever it is called from.
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.TSX_TSCONFIG_PATH ??= path.join(here, "..", "tsconfig.json");
await import("tsx");
await import("./branchdesk.ts");
