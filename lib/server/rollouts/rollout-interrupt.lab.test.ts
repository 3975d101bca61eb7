import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Lab } from "@/e2e/lab/lab";
import { SSH_PORT } from "@/lib/domain/values/port";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import { probeSshHostKey } from "@/lib/ssh/probe-ssh-host-key";
import { enrolledDb, type RolloutBench } from "@/lib/testing/rollout-bench";
import { getRollout } from "./get-rollout";
import { markInterruptedRollouts } from "./mark-interrupted-rollouts";
import { resumeRollout } from "./resume-rollout";

vi.mock("server-only", () => ({}));

// The dashboard dies mid-rollout (SIGKILL, no goodbye): the boxes must stay
// whole (atomic apply, dead-man), and the rollout must be resumable.
let lab: Lab;
let bench: RolloutBench;
const ROOT = path.resolve(__dirname, "../../..");
const CONFIRM_TIMEOUT = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The owned chains as the kernel holds them: the rule lines only. */
async function ownedRules(box: string): Promise<string[]> {
  const ipt = (await lab.exec(box, ["iptables-save", "-t", "nat"])).stdout
    .split("\n")
    .filter((l) => l.startsWith("-A BRANCHDESK-"));
  const eb = (await lab.exec(box, ["ebtables-save", "-t", "nat"], { allowFailure: true })).stdout
    .split("\n")
    .filter((l) => l.startsWith("-A BRANCHDESK-"));
  return [...ipt, ...eb];
}

beforeAll(async () => {
  lab = await Lab.up({ branches: 2, hostsPerBranch: 4 });
  bench = await enrolledDb(lab);
}, 300_000);
afterAll(async () => {
  await bench?.t.drop();
  await lab?.down();
});

describe("a dashboard killed during a rollout", () => {
  it("leaves no box with a partial rule set, shows the rollout interrupted, and resume completes it", async () => {
    if (bench.t.config.provider !== "sqlite") throw new Error("this test drives the CLI against a SQLite file");
    const hosts = lab.inventory.branches.flatMap((b) => b.hosts);
    const cli = spawn(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [
        "scripts/branchdesk.ts",
        "apply",
        ...lab.inventory.branches.flatMap((b) => ["--branch", b.code]),
        "--concurrency",
        "2",
      ],
      {
        cwd: ROOT,
        detached: true,
        stdio: "ignore",
        env: {
          ...process.env,
          DATABASE_URL: `file:${bench.t.config.file}`,
          BRANCHDESK_SSH_KEY: lab.inventory.ssh.privateKeyPath,
          BRANCHDESK_CONFIRM_TIMEOUT: String(CONFIRM_TIMEOUT),
        },
      },
    );
    // Kill it once some host has been applied but not everything is done.
    let id = 0;
    for (let i = 0; i < 600; i++) {
      const r = await bench.t.db.rollout.findFirst({ orderBy: { id: "desc" }, include: { targets: true } });
      if (r && r.targets.some((t) => t.kind === "host" && ["verifying", "succeeded"].includes(t.status))) {
        id = r.id;
        break;
      }
      await sleep(100);
    }
    expect(id, "the CLI never got a host to apply").toBeGreaterThan(0);
    process.kill(-cli.pid!, "SIGKILL");
    await sleep((CONFIRM_TIMEOUT + 4) * 1000); // every unconfirmed box's dead-man has fired

    // Each box holds either its whole rule set or none of it.
    for (const h of hosts) {
      const rules = await ownedRules(h.hostname);
      expect([0, 2], `${h.hostname}: ${rules.join(" | ")}`).toContain(rules.length);
    }
    await markInterruptedRollouts(new Date(Date.now() + 60_000)); // as if its heartbeat had gone stale
    const interrupted = await getRollout(id);
    expect(interrupted.rollout.status).toBe("interrupted");

    const { done } = await resumeRollout({ userId: null, username: "olivia", role: "operator" }, id);
    await done;
    const resumed = await getRollout(id);
    expect(resumed.targets.map((t) => [t.label, t.status])).toEqual(
      resumed.targets.map((t) => [t.label, expect.stringMatching(/^(succeeded|unchanged)$/)]),
    );
    expect(resumed.rollout.status).toBe("succeeded");
    for (const h of hosts) {
      const seen = await probeSshHostKey(h.guest.ip as Ipv4, SSH_PORT, 5_000);
      expect(seen.ok ? seen.value : seen.error.message).toBe(h.hostKeyFingerprint);
    }
  });
});
