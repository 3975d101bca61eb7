import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Lab } from "@/e2e/lab/lab";
import { ruleArgs } from "@/lib/domain/rules/rule-args";
import { ruleTool } from "@/lib/domain/rules/rule";
import { db } from "@/lib/server/db/client";
import { loadHealthTargets } from "@/lib/server/health/load-health-targets";
import { enrolledDb, type RolloutBench } from "@/lib/testing/rollout-bench";
import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { getRollout } from "@/lib/server/rollouts/get-rollout";
import { startRollout } from "@/lib/server/rollouts/start-rollout";
import { getNatAudit } from "./get-nat-audit";
import { traceGuest } from "./trace-guest";
import type { NatAuditRule, RunNatAuditInput } from "./nat-audit-views";
import { runNatAudit } from "./run-nat-audit";

vi.mock("server-only", () => ({}));

// One branch, two hosts, never rolled out: its boxes carry only what an admin put there by hand.
let lab: Lab;
let bench: RolloutBench;
const OPERATOR = { username: "olivia" };
const GW = "br-0001-gw";
const H1 = "br-0001-h01";

const ipt = (box: string, args: string[]) => lab.exec(box, ["iptables", "-t", "nat", ...args]);
const rulesOf = async (box: string): Promise<NatAuditRule[]> => {
  const key = await boxKey(box);
  const row = await db().natAudit.findFirstOrThrow({ where: { boxKey: key }, orderBy: { id: "desc" } });
  return (await getNatAudit(row.id)).rules;
};
async function boxKey(name: string): Promise<string> {
  const gw = await db().gateway.findUnique({ where: { hostname: name } });
  if (gw) return `gateway:${gw.id}`;
  return `host:${(await db().host.findUniqueOrThrow({ where: { hostname: name } })).id}`;
}
const classOf = (rules: NatAuditRule[], part: string) =>
  rules.filter((r) => r.index !== null && r.text.includes(part)).map((r) => r.class);

beforeAll(async () => {
  lab = await Lab.up({ branches: 1, hostsPerBranch: 2 });
  bench = await enrolledDb(lab);
  const [branch] = await loadHealthTargets(db());
  // The published technique, by hand, in the built-in chains: the gateway's SNAT for guest 1
  // (twice: a duplicate), the pool's SNAT; h01's REDIRECT. Guest 2's SNAT is left out (missing).
  const gwRules = branch!.gateway!.desired!.rules.filter((r) => ruleTool(r) === "iptables");
  const toGuest1 = gwRules.find((r) => r.kind === "snat-to-guest" && r.ip === branch!.hosts[0]!.guest!.ip)!;
  const pool = gwRules.find((r) => r.kind === "snat-from-pool")!;
  for (const r of [toGuest1, toGuest1, pool]) await ipt(GW, ["-A", "POSTROUTING", ...ruleArgs(r)]);
  // A SNAT for a guest IP the inventory does not have (stale), and Docker's rules (foreign).
  const staleIp = branch!.hosts[0]!.guest!.ip.replace(/\.\d+$/, ".250");
  const staleArgs = ruleArgs(toGuest1).map((a) => (a.endsWith("/32") ? `${staleIp}/32` : a));
  await ipt(GW, ["-A", "POSTROUTING", ...staleArgs]);
  await ipt(GW, ["-N", "DOCKER"]);
  await ipt(GW, ["-A", "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "DOCKER"]);
  await ipt(GW, ["-A", "POSTROUTING", "-s", "172.17.0.0/16", "!", "-o", "docker0", "-j", "MASQUERADE"]);
  await ipt(GW, ["-A", "DOCKER", "-i", "docker0", "-j", "RETURN"]);
  const h1 = branch!.hosts[0]!.desired!.rules.find((r) => r.kind === "redirect")!;
  await ipt(H1, ["-A", "PREROUTING", ...ruleArgs(h1)]);
}, 400_000);
afterAll(async () => {
  await bench?.t.drop();
  await lab?.down();
});

describe("NAT audit over SSH on a real lab", () => {
  it("reads the branch with counters: hand-made, duplicate, stale, foreign (docker), missing", async () => {
    const run = await runNatAudit(OPERATOR, { branch: "BR-0001" as RunNatAuditInput["branch"] });
    expect(run.audits.map((a) => [a.boxName, a.status, a.error])).toEqual(
      expect.arrayContaining([
        [GW, "ok", null],
        [H1, "ok", null],
      ]),
    );
    expect(run.audits).toHaveLength(3);
    const gw = await rulesOf(GW);
    expect(gw.every((r) => r.index === null || r.packets !== null)).toBe(true);
    expect(classOf(gw, "--dport 22 -j SNAT").slice(0, 2)).toEqual(["hand-made-equivalent", "duplicate"]);
    expect(classOf(gw, ".250/32")).toEqual(["stale"]);
    expect(classOf(gw, "docker0")).toEqual(["foreign", "foreign"]);
    expect(gw.filter((r) => r.text.includes("docker0")).map((r) => r.owner)).toEqual(["docker", "docker"]);
    expect(gw.some((r) => r.class === "missing" && r.text.includes("BRANCHDESK-POST"))).toBe(true);
    const h1 = await rulesOf(H1);
    expect(classOf(h1, "REDIRECT")).toEqual(["hand-made-equivalent"]);
  }, 120_000);

  it("the next audit gives counter deltas, and an admin's new rule is drift, first seen now", async () => {
    await ipt(GW, ["-A", "POSTROUTING", "-s", "10.99.0.0/16", "-j", "MASQUERADE"]);
    const run = await runNatAudit(OPERATOR, { box: await boxKey(GW) });
    const audit = (await getNatAudit(run.audits[0]!.id)).audit;
    expect(audit.status).toBe("ok");
    const detail = await getNatAudit(audit.id);
    expect(detail.drift.map((d) => [d.change, d.text.replace(/^\[\d+:\d+\] /, "")])).toEqual([
      ["added", "-A POSTROUTING -s 10.99.0.0/16 -j MASQUERADE"],
    ]);
    const masq = detail.rules.find((r) => r.text.includes("docker0 -j MASQUERADE"))!;
    expect(masq.deltaPackets).not.toBeNull();
    expect(masq.firstSeen).not.toBe(audit.at);
  }, 120_000);

  it("trace agrees with the live probe: rules broken (guest off, no ARP reply), then rolled out", async () => {
    const h1 = await boxKey(H1);
    await lab.guestOff(H1);
    const broken = await traceGuest({ host: h1 });
    expect(broken.problems).toEqual([]);
    expect(broken.verdict.summary).toContain("no ARP reply");
    expect(broken.verdict.reachable).toBe(false);
    expect(broken.probe?.ok).toBe(false);
    expect(broken.agree).toBe(true);
    const { id, done } = await startRollout(
      { userId: null, username: "olivia", role: "operator" },
      {
        branchCodes: ["BR-0001"] as StartRolloutInput["branchCodes"],
        dryRun: false,
        concurrency: 4,
        canary: false,
        failureBudget: 1,
      },
    );
    await done;
    expect((await getRollout(id)).rollout.status).toBe("succeeded");
    const fixed = await traceGuest({ host: h1 });
    expect(fixed.verdict.summary).toMatch(/SNAT to 169\.254\..*ARP reply .*REDIRECT to local :22/);
    expect([fixed.verdict.reachable, fixed.probe?.ok, fixed.agree]).toEqual([true, true, true]);
    // Branchdesk's own chains are in place now; the hand-made rules stay (foreign to a rollout).
    await runNatAudit(OPERATOR, { box: h1 });
    const rules = await rulesOf(H1);
    expect(rules.filter((r) => r.chain.startsWith("BRANCHDESK-")).map((r) => r.class)).toContain("in-place");
    expect(rules.some((r) => r.class === "missing")).toBe(false);
  }, 240_000);
});
