/**
 * Setup file of the pure tier (vitest.config.mts). A pure test may read its
 * fixtures, nothing more: a test that starts a process, opens or listens on a
 * socket, or opens a database fails at that call and is told where it
 * belongs, instead of quietly needing a machine the pure tier promises not
 * to need. Patched on the builtin modules themselves (and synced into their
 * ES module exports), so `import { spawn } from "node:child_process"` is
 * caught too.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import { PG_URL_ENV } from "./tiers";

const MOVE = "name the file *.int.test.ts (integration) or *.kernel.test.ts (root): see lib/testing/tiers.ts";

function refuse(what: string): () => never {
  return () => {
    throw new Error(`a pure test ${what}: ${MOVE}`);
  };
}

const spawning = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
for (const fn of spawning) {
  Object.assign(childProcess, { [fn]: refuse(`started a process (child_process.${fn})`) });
}
net.Socket.prototype.connect = refuse("opened a socket") as typeof net.Socket.prototype.connect;
net.Server.prototype.listen = refuse("listened on a socket") as typeof net.Server.prototype.listen;
syncBuiltinESMExports();

// No database either: lib/testing/temp-db.ts refuses to create one in this tier.
delete process.env[PG_URL_ENV];
process.env.BRANCHDESK_TEST_TIER = "pure";
