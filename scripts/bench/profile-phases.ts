/**
 * `npx tsx scripts/bench/profile-phases.ts [--hosts 6] [--branches 1] [--concurrency 1]`:
 * for each phase of a target (open, plan, apply, verify, confirm) the wall
 * time and the CPU the whole machine spent meanwhile (dashboard, sshd, agent,
 * kernel: /proc/stat). With the default concurrency of 1 that CPU is the
 * step's own cost; with more, the wall times show where targets wait.
 * Full rollout, then a no-change one. Needs root.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Lab } from "../../e2e/lab/lab";
import { createTestDb, installTestDb } from "../../lib/testing/temp-db";
import { enrolDirect } from "./enrol-direct";

const ACTOR = { userId: null, username: "bench", role: "admin" as const };
const HZ = 100;
const cpuSeconds = () => {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) / HZ; // user nice system irq softirq
};

async function main() {
  const { values } = parseArgs({
    options: {
      hosts: { type: "string", default: "6" },
      branches: { type: "string", default: "1" },
      concurrency: { type: "string", default: "1" },
    },
  });
  const concurrency = Number(values.concurrency);
  const lab = await Lab.up({
    branches: Number(values.branches),
    hostsPerBranch: Number(values.hosts),
    log: () => undefined,
  });
  const t = await createTestDb("sqlite");
  try {
    installTestDb(t);
    process.env.BRANCHDESK_SSH_KEY = lab.inventory.ssh.privateKeyPath;
    await enrolDirect(lab.inventory, ACTOR);
    const { loadRolloutWork } = await import("../../lib/server/rollouts/load-rollout-work");
    const { rolloutDriver } = await import("../../lib/server/rollouts/rollout-driver");
    const { runRollout } = await import("../../lib/rollout/run-rollout");
    for (const run of ["full", "no-change"]) {
      const work = await loadRolloutWork(lab.inventory.branches.map((b) => b.code));
      const driver = await rolloutDriver(work);
      const phases = new Map<string, { n: number; wall: number; cpu: number; node: number }>();
      const timed = async <T>(phase: string, f: () => Promise<T>): Promise<T> => {
        const [w0, c0, n0] = [performance.now(), cpuSeconds(), process.cpuUsage()];
        try {
          return await f();
        } finally {
          const p = phases.get(phase) ?? { n: 0, wall: 0, cpu: 0, node: 0 };
          const nd = process.cpuUsage(n0);
          p.n++;
          p.wall += performance.now() - w0;
          p.cpu += (cpuSeconds() - c0) * 1000;
          p.node += (nd.user + nd.system) / 1000;
          phases.set(phase, p);
        }
      };
      const instrumented = {
        open: (ref: Parameters<typeof driver.open>[0]) =>
          timed(`open ${ref.kind}`, async () => {
            const s = await driver.open(ref);
            if (!s.ok) return s;
            const v = s.value;
            const k = ref.kind;
            return {
              ok: true as const,
              value: {
                plan: () => timed(`plan ${k}`, () => v.plan()),
                apply: (x: string) => timed(`apply ${k}`, () => v.apply(x)),
                verify: () => timed(`verify ${k}`, () => v.verify()),
                confirm: (x: string) => timed(`confirm ${k}`, () => v.confirm(x)),
                rollback: (x: string) => v.rollback(x),
                close: () => v.close(),
              },
            };
          }),
      };
      let n = 0;
      const started = performance.now();
      const out = await runRollout(
        work.branches,
        { dryRun: false, concurrency, canary: false, failureBudget: 100 },
        {
          driver: instrumented,
          store: { updateTarget: async () => undefined, cancelRequested: async () => false },
          newToken: () => `p${n++}`,
          now: () => new Date(),
        },
      );
      await driver.close();
      console.log(
        `\n${run} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${out.status} ` +
          `${JSON.stringify(Object.fromEntries(Object.entries(out.counts).filter(([, c]) => c)))}`,
      );
      for (const [phase, p] of phases)
        console.log(
          `  ${phase.padEnd(16)} ${String(p.n).padStart(3)} x  wall ${(p.wall / p.n).toFixed(0).padStart(5)} ms  ` +
            `cpu ${(p.cpu / p.n).toFixed(0).padStart(5)} ms (dashboard ${(p.node / p.n).toFixed(0).padStart(4)} ms)`,
        );
    }
  } finally {
    await t.drop();
    await lab.down();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
