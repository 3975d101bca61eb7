import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { boxDir, boxTable, findSshBox } from "@/e2e/lab/boxes";
import { Lab } from "@/e2e/lab/lab";
import { probeSshHostKey } from "@/lib/ssh/probe-ssh-host-key";
import { SSH_PORT } from "@/lib/domain/values/port";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import { enrolledDb, natState, type RolloutBench } from "@/lib/testing/rollout-bench";
import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { getRollout } from "./get-rollout";
import { startRollout } from "./start-rollout";

vi.mock("server-only", () => ({}));

// A real fleet: 3 branches x 3 hosts as namespaces with real sshd and netfilter.
let lab: Lab;
let bench: RolloutBench;
const OPERATOR = { userId: null, username: "olivia", role: "operator" as const };

async function rollout(
  branchCodes: readonly string[],
  extra: Partial<{ dryRun: boolean; failureBudget: number; concurrency: number }> = {},
) {
  const { id, done } = await startRollout(OPERATOR, {
    branchCodes: branchCodes as StartRolloutInput["branchCodes"],
    dryRun: false,
    concurrency: 8,
    canary: false,
    failureBudget: 1,
    ...extra,
  });
  await done;
  return getRollout(id);
}

const allCodes = () => lab.inventory.branches.map((b) => b.code);
const allBoxes = () => lab.inventory.branches.flatMap((b) => [b.gateway.hostname, ...b.hosts.map((h) => h.hostname)]);
const probe = (ip: string) => probeSshHostKey(ip as Ipv4, SSH_PORT, 5_000);
const leftInTmp = async (box: string) => {
  const dir = path.join(boxDir(lab.inventory.runDir, findSshBox(boxTable(lab.inventory), box).netns), "agent", "tmp");
  return (await readdir(dir)).map((f) => `${box}: ${f}`);
};

beforeAll(async () => {
  lab = await Lab.up({ branches: 3, hostsPerBranch: 3 });
  bench = await enrolledDb(lab);
}, 300_000);
afterAll(async () => {
  await bench?.t.drop();
  await lab?.down();
});

describe("rollouts on a real lab", () => {
  it("before any rollout, no guest IP answers on port 22 (nothing there)", async () => {
    const h = lab.inventory.branches[0]!.hosts[0]!;
    expect((await probe(h.guest.ip)).ok).toBe(false);
  });

  it(
    "one rollout takes a bare fleet to a working support path: every guest IP:22 presents its host's key, " +
      "guest off too, foreign rules untouched",
    async () => {
      const foreignHost = lab.inventory.branches[1]!.hosts[1]!.hostname;
      const foreign = await lab.addForeignNatRules(foreignHost);
      const before = await lab.exec(foreignHost, ["iptables", "-t", "nat", "-S"]);
      const off = lab.inventory.branches[2]!.hosts[0]!;
      await lab.guestOff(off.hostname);

      const r = await rollout(allCodes());
      expect(r.targets.map((t) => [t.label, t.status, t.error])).toEqual(
        r.targets.map((t) => [t.label, "succeeded", null]),
      );
      expect(r.rollout.status).toBe("succeeded");

      for (const b of lab.inventory.branches) {
        for (const h of b.hosts) {
          const seen = await probe(h.guest.ip);
          expect(seen.ok ? seen.value : seen.error.message, `${h.guest.ip} -> ${h.hostname}`).toBe(
            h.hostKeyFingerprint,
          );
        }
      }
      expect(await lab.guestState(off.hostname)).toBe("shut off");
      const after = (await lab.exec(foreignHost, ["iptables", "-t", "nat", "-S"])).stdout;
      for (const line of foreign) expect(after).toContain(line);
      // Foreign lines keep their order; ours are added, theirs are not rewritten.
      const theirs = (s: string) => s.split("\n").filter((l) => !l.includes("BRANCHDESK"));
      expect(theirs(after)).toEqual(theirs(before.stdout));
      await lab.guestOn(off.hostname);
      // Each target's shell removed the directory it shipped the agent in when it ended.
      await expect
        .poll(async () => (await Promise.all(allBoxes().map(leftInTmp))).flat(), { timeout: 10_000 })
        .toEqual([]);
    },
  );

  it("a second rollout right after plans zero changes and changes nothing (iptables-save byte for byte)", async () => {
    const before = await Promise.all(allBoxes().map((b) => natState(lab, b)));
    const r = await rollout(allCodes());
    expect(r.targets.every((t) => t.status === "unchanged")).toBe(true);
    expect(r.targets.every((t) => t.plan && !t.plan.changed && t.plan.counts.add === 0)).toBe(true);
    const after = await Promise.all(allBoxes().map((b) => natState(lab, b)));
    expect(after).toEqual(before);
  });
});
