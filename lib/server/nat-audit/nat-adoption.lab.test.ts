import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Lab } from "@/e2e/lab/lab";
import { foreignNatRules } from "@/e2e/lab/foreign-rules";
import { parseBoxKey, type BoxRef } from "@/lib/domain/health/box-key";
import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { GATEWAY_JUMPS } from "@/lib/domain/rules/build-gateway-rule-set";
import { ruleArgs } from "@/lib/domain/rules/rule-args";
import { ruleChain, ruleTool } from "@/lib/domain/rules/rule";
import { SSH_PORT } from "@/lib/domain/values/port";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import { db } from "@/lib/server/db/client";
import { loadHealthTargets } from "@/lib/server/health/load-health-targets";
import { getRollout } from "@/lib/server/rollouts/get-rollout";
import { startRollout } from "@/lib/server/rollouts/start-rollout";
import { probeSshHostKey } from "@/lib/ssh/probe-ssh-host-key";
import { enrolledDb, natState, type RolloutBench } from "@/lib/testing/rollout-bench";
import { getNatAudit } from "./get-nat-audit";
import { planNatAdoption } from "./plan-nat-adoption";
import { runNatAudit } from "./run-nat-audit";
import { startNatAdoption } from "./start-nat-adoption";

vi.mock("server-only", () => ({}));

// A gateway configured by hand as the technique was published (one rule twice), beside Docker's
// and libvirt's rules; its hosts run Branchdesk's rules. Adopt, with a forced failure first.
let lab: Lab;
let bench: RolloutBench;
const OPERATOR = { userId: null, username: "olivia", role: "operator" as const };
const GW = "br-0001-gw";
let gwRef: BoxRef;

const saveLines = async () =>
  (await lab.exec(GW, ["iptables-save", "-t", "nat"])).stdout.split("\n").filter((l) => l.startsWith("-A "));
const FOREIGN = /docker0|DOCKER|LIBVIRT_PRT/;
const supportPathWorks = async () => {
  for (const h of lab.inventory.branches[0]!.hosts) {
    const seen = await probeSshHostKey(h.guest.ip as Ipv4, SSH_PORT, 5_000);
    if (!seen.ok || seen.value !== h.hostKeyFingerprint) return false;
  }
  return true;
};
async function adopt() {
  await runNatAudit(OPERATOR, { box: `gateway:${gwRef.id}` });
  const plan = await planNatAdoption([gwRef]);
  const started = await startNatAdoption(OPERATOR, {
    boxes: [gwRef],
    auditIds: plan.boxes.map((b) => b.auditId),
    confirm: plan.removeCount,
  });
  await started.done;
  return { plan, rollout: await getRollout(started.rollout.id) };
}

beforeAll(async () => {
  lab = await Lab.up({ branches: 1, hostsPerBranch: 2 });
  bench = await enrolledDb(lab);
  const input = { branchCodes: ["BR-0001"] as StartRolloutInput["branchCodes"], dryRun: false };
  const first = await startRollout(OPERATOR, { ...input, concurrency: 4, canary: false, failureBudget: 1 });
  await first.done;
  expect((await getRollout(first.id)).rollout.status).toBe("succeeded");
  // The gateway forgets Branchdesk: its jumps and chains go, the published rules come by hand.
  const [branch] = await loadHealthTargets(db());
  gwRef = parseBoxKey(branch!.gateway!.key)!;
  const gwRules = branch!.gateway!.desired!.rules.filter((r) => ruleTool(r) === "iptables");
  const restore = ["*nat"];
  for (const j of GATEWAY_JUMPS.filter((x) => x.tool === "iptables")) {
    restore.push(`-D ${j.from} -j ${j.chain}`, `-F ${j.chain}`, `-X ${j.chain}`);
  }
  const builtin = (chain: string) => GATEWAY_JUMPS.find((j) => j.chain === chain)!.from;
  const handMade = gwRules.map((r) => `-A ${builtin(ruleChain(r))} ${ruleArgs(r).join(" ")}`);
  restore.push(...handMade, handMade[0]!); // the first one twice: a duplicate
  restore.push(":LIBVIRT_PRT - [0:0]", ":DOCKER - [0:0]");
  restore.push(...foreignNatRules().filter((l) => !l.startsWith("-N ")));
  restore.push("-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER");
  restore.push("-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE", "-A DOCKER -i docker0 -j RETURN");
  restore.push("COMMIT", "");
  await lab.exec(GW, ["iptables-restore", "--noflush"], { input: restore.join("\n") });
  expect(await supportPathWorks()).toBe(true);
}, 400_000);
afterAll(async () => {
  await bench?.t.drop();
  await lab?.down();
});

describe("Adopt hand-made rules on a real lab gateway", () => {
  it("the confirmation must be the number of lines removed; nothing starts otherwise", async () => {
    await runNatAudit(OPERATOR, { box: `gateway:${gwRef.id}` });
    const plan = await planNatAdoption([gwRef]);
    const input = { boxes: [gwRef], auditIds: plan.boxes.map((b) => b.auditId), confirm: plan.removeCount + 1 };
    await expect(startNatAdoption(OPERATOR, input)).rejects.toThrow(`confirm with ${plan.removeCount}`);
    expect(await db().rollout.count()).toBe(1);
  }, 120_000);

  it("a forced failure (the rule set breaks the support path) rolls the box back byte for byte", async () => {
    const before = await natState(lab, GW);
    // A wrong gateway link-local: Branchdesk's SNAT then breaks HQ -> guest:22, as rollout-failures does.
    await db().branch.update({ where: { code: "BR-0001" }, data: { gatewayLinkLocalIp: "169.254.1.2" } });
    try {
      const { plan, rollout } = await adopt();
      expect(plan.removeCount).toBeGreaterThan(0);
      const t = rollout.targets.find((x) => x.label.includes(GW))!;
      expect([rollout.rollout.status, t.status]).toEqual(["failed", "failed"]);
      expect(t.error).toMatch(/end-to-end check failed: HQ -> .*:22 .*failed.*rolled back/);
      expect(await natState(lab, GW)).toBe(before);
      expect(await supportPathWorks()).toBe(true);
    } finally {
      await db().branch.update({ where: { code: "BR-0001" }, data: { gatewayLinkLocalIp: "169.254.1.1" } });
    }
  }, 240_000);

  it("removes the hand-made equivalents and the duplicate in one apply; foreign rules stay byte for byte", async () => {
    const before = await saveLines();
    const { plan, rollout } = await adopt();
    const gw = plan.boxes[0]!;
    expect(gw.remove.map((r) => r.class).sort()).toEqual([
      "duplicate",
      ...Array(gw.remove.length - 1).fill("hand-made-equivalent"),
    ]);
    expect(gw.remove.every((r) => before.includes(r.line))).toBe(true);
    expect(rollout.rollout.status, JSON.stringify(rollout.targets)).toBe("succeeded");
    const after = await saveLines();
    expect(after.filter((l) => gw.remove.some((r) => r.line === l))).toEqual([]);
    expect(after.filter((l) => FOREIGN.test(l))).toEqual(before.filter((l) => FOREIGN.test(l)));
    expect(before.filter((l) => FOREIGN.test(l))).toHaveLength(9);
    expect(await supportPathWorks()).toBe(true);
    // The next audit: Branchdesk's chains in place, nothing hand-made, nothing missing.
    const run = await runNatAudit(OPERATOR, { box: `gateway:${gwRef.id}` });
    const rules = (await getNatAudit(run.audits[0]!.id)).rules;
    const classes = new Set(rules.map((r) => r.class));
    for (const c of ["hand-made-equivalent", "duplicate", "missing"]) expect(classes.has(c as never)).toBe(false);
    expect(rules.filter((r) => r.chain.startsWith("BRANCHDESK-")).every((r) => r.class === "in-place")).toBe(true);
  }, 240_000);
});
