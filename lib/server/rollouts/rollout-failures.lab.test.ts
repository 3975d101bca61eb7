import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Lab } from "@/e2e/lab/lab";
import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { SSH_PORT } from "@/lib/domain/values/port";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import { probeSshHostKey } from "@/lib/ssh/probe-ssh-host-key";
import { enrolledDb, natState, type RolloutBench } from "@/lib/testing/rollout-bench";
import { getRollout } from "./get-rollout";
import { startRollout } from "./start-rollout";

vi.mock("server-only", () => ({}));

// Failures on a real lab: each leaves the fleet as it found it, or says exactly why not.
let lab: Lab;
let bench: RolloutBench;
const OPERATOR = { userId: null, username: "olivia", role: "operator" as const };

async function rollout(branchCodes: readonly string[], extra: Partial<StartRolloutInput> = {}) {
  const input = {
    branchCodes: branchCodes as StartRolloutInput["branchCodes"],
    dryRun: false,
    concurrency: 8,
    canary: false,
    failureBudget: 1,
    ...extra,
  };
  const { id, done } = await startRollout(OPERATOR, input);
  await done;
  return getRollout(id);
}
const codes = () => lab.inventory.branches.map((b) => b.code);
const branch = (i: number) => lab.inventory.branches[i]!;
const keyAt = async (ip: string) => {
  const r = await probeSshHostKey(ip as Ipv4, SSH_PORT, 5_000);
  return r.ok ? r.value : r.error.kind;
};
const target = (r: Awaited<ReturnType<typeof getRollout>>, label: string) =>
  r.targets.find((t) => t.label.includes(label))!;

beforeAll(async () => {
  lab = await Lab.up({ branches: 3, hostsPerBranch: 2 });
  bench = await enrolledDb(lab);
  const first = await rollout(codes());
  expect(first.rollout.status).toBe("succeeded");
}, 300_000);
afterAll(async () => {
  await bench?.t.drop();
  await lab?.down();
});

describe("rollout failures on a real lab", () => {
  it("a host whose sshd is down fails with a clear reason; the others go through", async () => {
    const down = branch(0).hosts[1]!;
    // real work elsewhere
    await lab.exec(branch(1).hosts[0]!.hostname, ["iptables", "-t", "nat", "-F", "BRANCHDESK-PRE"]);
    await lab.stopSshd(down.hostname);
    try {
      const r = await rollout(codes(), { failureBudget: 5 });
      expect(target(r, down.hostname)).toMatchObject({ status: "failed", error: expect.stringMatching(/refused/i) });
      expect(target(r, down.hostname).error).toContain(down.hostname);
      expect(target(r, branch(1).hosts[0]!.hostname).status).toBe("succeeded");
      expect(r.targets.filter((t) => t.status === "failed")).toHaveLength(1);
      expect(r.rollout.status).toBe("failed");
    } finally {
      await lab.startSshd(down.hostname);
    }
  });

  it("the failure budget is global: once spent, no new target starts", async () => {
    const downs = [branch(0).hosts[0]!, branch(1).hosts[0]!];
    for (const h of downs) await lab.stopSshd(h.hostname);
    try {
      const r = await rollout(codes(), { failureBudget: 1, concurrency: 1 });
      expect(r.rollout.summary).toContain("failure budget of 1 spent");
      expect(r.targets.filter((t) => t.status === "failed")).toHaveLength(1);
      expect(r.targets.filter((t) => t.status === "skipped").length).toBeGreaterThan(0);
    } finally {
      for (const h of downs) await lab.startSshd(h.hostname);
    }
  });

  it(
    "a rule set that breaks the path (wrong gateway link-local) is rolled back; " + "the old path keeps working",
    async () => {
      const b = branch(2);
      const res = await bench.api("PATCH", "/api/v1/branches/{code}", {
        token: bench.admin,
        params: { code: b.code },
        body: { gatewayLinkLocalIp: "169.254.1.2" },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const before = await natState(lab, b.gateway.hostname);
      const r = await rollout([b.code], { failureBudget: 5 });
      const gw = target(r, b.gateway.hostname);
      expect(gw.status).toBe("failed");
      expect(gw.error).toMatch(/end-to-end check failed: HQ -> .*:22 \(support path to host .*\) failed/);
      expect(gw.error).toContain("rolled back");
      expect(await natState(lab, b.gateway.hostname)).toBe(before);
      for (const h of b.hosts) expect(await keyAt(h.guest.ip)).toBe(h.hostKeyFingerprint);
      await bench.api("PATCH", "/api/v1/branches/{code}", {
        token: bench.admin,
        params: { code: b.code },
        body: { gatewayLinkLocalIp: "169.254.1.1" },
      });
    },
  );

  it("a changed host key: nothing runs on that box, and the error names both fingerprints", async () => {
    const h = branch(1).hosts[1]!;
    const other = branch(0).hosts[0]!.hostKeyFingerprint;
    await lab.exec(h.hostname, ["iptables", "-t", "nat", "-F", "BRANCHDESK-PRE"]); // it would have work to do
    const before = await natState(lab, h.hostname);
    const row = await bench.t.db.host.findUniqueOrThrow({ where: { hostname: h.hostname } });
    await bench.t.db.host.update({ where: { id: row.id }, data: { hostKeyFingerprint: other } });
    const r = await rollout([branch(1).code], { failureBudget: 5 });
    const t = target(r, h.hostname);
    expect(t.status).toBe("failed");
    expect(t.error).toContain(`expected ${other}, got ${h.hostKeyFingerprint}`);
    expect(await natState(lab, h.hostname)).toBe(before);
    await bench.t.db.host.update({ where: { id: row.id }, data: { hostKeyFingerprint: h.hostKeyFingerprint } });
  });

  it(
    "trusting a key: a scan-only look pins and logs nothing; trusting what was seen pins it; " +
      "a key other than the one seen is refused",
    async () => {
      const h = branch(2).hosts[0]!;
      const row = await bench.t.db.host.findUniqueOrThrow({ where: { hostname: h.hostname } });
      const call = (body: unknown) =>
        bench.api("POST", "/api/v1/hosts/{id}/host-key", {
          token: bench.operator,
          body,
          params: { id: String(row.id) },
        });
      const pinned = async () =>
        (await bench.t.db.host.findUniqueOrThrow({ where: { id: row.id } })).hostKeyFingerprint;
      const audits = () =>
        bench.t.db.auditEvent.count({ where: { action: "host.trust-host-key", entityId: String(row.id) } });
      await bench.t.db.host.update({ where: { id: row.id }, data: { hostKeyFingerprint: null } });
      const logged = await audits();

      const look = await call({ scanOnly: true });
      expect(look.status, JSON.stringify(look.json)).toBe(200);
      expect(look.json).toEqual({ fingerprint: h.hostKeyFingerprint, previous: null, pinned: false });
      expect(await pinned()).toBeNull();
      expect(await audits()).toBe(logged);

      const other = branch(0).hosts[0]!.hostKeyFingerprint;
      const wrong = await call({ expect: other });
      expect(wrong.status).toBe(409);
      expect(JSON.stringify(wrong.json)).toContain(`presents ${h.hostKeyFingerprint}, not the expected ${other}`);
      expect(await pinned()).toBeNull();
      const mixed = await call({ scanOnly: true, fingerprint: h.hostKeyFingerprint });
      expect(mixed.status).toBe(422);
      expect(mixed.json).toMatchObject({
        error: { fields: { scanOnly: [expect.stringContaining("do not send a fingerprint")] } },
      });

      const yes = await call({ expect: h.hostKeyFingerprint });
      expect(yes.json).toEqual({ fingerprint: h.hostKeyFingerprint, previous: null, pinned: true });
      expect(await pinned()).toBe(h.hostKeyFingerprint);
      expect(await audits()).toBe(logged + 1);
    },
  );

  it("only one rollout at a time may touch a target: the second operator is told who has it", async () => {
    const first = startRollout(OPERATOR, {
      branchCodes: [branch(0).code] as StartRolloutInput["branchCodes"],
      dryRun: false,
      concurrency: 4,
      canary: false,
      failureBudget: 1,
    });
    const { id, done } = await first;
    await expect(
      startRollout(
        { userId: null, username: "bob", role: "operator" },
        {
          branchCodes: [branch(0).code] as StartRolloutInput["branchCodes"],
          dryRun: false,
          concurrency: 4,
          canary: false,
          failureBudget: 1,
        },
      ),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`in progress by olivia (rollout #${id})`),
    });
    await done;
  });
});
