/**
 * `npm run bench:rollout -- --hosts N [--concurrency 32] [--per-branch 25]`
 *
 * Builds a lab of N hosts, then measures, with the same concurrency:
 *   floor      issue #5's floor: a plain parallel `ssh <host> true` (OpenSSH,
 *              one client per host, ProxyJump through its gateway)
 *   in-process a stricter floor: the dashboard's own SSH client, one shared
 *              session per gateway, a pinned connection per host and `true`
 *   full       a rollout from bare boxes to a verified support path
 *   no-change  the same rollout again (plans only; nothing is applied)
 * and prints hosts/s for each and the ratio to the floor. Goals: full within
 * 2x of the floor, no-change within 1.5x (issue #5). Needs root.
 */
import { parseArgs } from "node:util";
import { Lab } from "../e2e/lab/lab";
import { createTestDb, installTestDb } from "../lib/testing/temp-db";
import { measureFloor } from "./bench/measure-floor";
import { measureOpensshFloor } from "./bench/measure-openssh-floor";
import { enrolDirect } from "./bench/enrol-direct";

const ACTOR = { userId: null, username: "bench", role: "admin" as const };

async function main() {
  const { values } = parseArgs({
    options: {
      hosts: { type: "string", default: "50" },
      concurrency: { type: "string", default: "32" },
      "per-branch": { type: "string", default: "25" },
    },
  });
  const hosts = Number(values.hosts);
  const concurrency = Number(values.concurrency);
  const perBranch = Math.min(Number(values["per-branch"]), hosts);
  const branches = Math.ceil(hosts / perBranch);
  const t0 = Date.now();
  const lab = await Lab.up({ branches, hostsPerBranch: perBranch, log: (m) => console.error(`lab: ${m}`) });
  console.error(`lab up: ${branches} branches x ${perBranch} hosts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const t = await createTestDb("sqlite");
  try {
    installTestDb(t);
    process.env.BRANCHDESK_SSH_KEY = lab.inventory.ssh.privateKeyPath;
    await enrolDirect(lab.inventory, ACTOR);
    const codes = lab.inventory.branches.map((b) => b.code);
    const n = lab.inventory.branches.reduce((s, b) => s + b.hosts.length, 0);

    const floor = await measureOpensshFloor(lab.inventory, concurrency);
    if (floor.firstError) console.error(`floor: ${floor.failures} failures, first: ${floor.firstError}`);
    const inProcess = await measureFloor(lab.inventory, concurrency);
    const { startRollout } = await import("../lib/server/rollouts/start-rollout");
    const { getRollout } = await import("../lib/server/rollouts/get-rollout");
    const timed = async () => {
      const started = performance.now();
      const { id, done } = await startRollout(ACTOR, {
        branchCodes: codes as never,
        dryRun: false,
        concurrency,
        canary: false,
        failureBudget: 1_000,
      });
      await done;
      const r = await getRollout(id);
      return { seconds: (performance.now() - started) / 1000, r };
    };
    const full = await timed();
    const again = await timed();
    const rate = (s: number) => n / s;
    const row = (name: string, s: number, note: string) =>
      console.log(
        `${name.padEnd(10)} ${s.toFixed(1).padStart(7)} s  ${rate(s).toFixed(1).padStart(7)} hosts/s  ` +
          `${(s / floor.seconds).toFixed(2).padStart(5)}x floor  ` +
          `${(s / inProcess.seconds).toFixed(2).padStart(5)}x in-process  ${note}`,
      );
    console.log(`\n${n} hosts in ${branches} branches, concurrency ${concurrency}`);
    row(
      "floor",
      floor.seconds,
      `plain parallel \`ssh <host> true\` (OpenSSH, ProxyJump via the gateway; ${floor.failures} failures)`,
    );
    row(
      "in-process",
      inProcess.seconds,
      `the dashboard's SSH client, one session per gateway, connect + true (${inProcess.failures} failures)`,
    );
    row("full", full.seconds, `${full.r.rollout.status}: ${full.r.rollout.summary}`);
    row("no-change", again.seconds, `${again.r.rollout.status}: ${again.r.rollout.summary}`);
    if (full.r.rollout.status !== "succeeded" || again.r.targets.some((x) => x.status !== "unchanged"))
      process.exitCode = 1;
  } finally {
    await t.drop();
    await lab.down();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
