import { createHash } from "node:crypto";
import { classifyBox } from "@/lib/domain/health/classify-box";
import { findBranchIncident, type BranchBox } from "@/lib/domain/health/find-branch-incident";
import { ZBoxHealth } from "@/lib/domain/health/health-views";
import type { Db } from "@/lib/server/db/client";
import { claimLeases } from "./claim-leases";
import type { Collected } from "./collect-branch";
import { ingestResults, parseCounters, type BoxResult } from "./ingest-results";
import type { HealthBranch, HealthTarget } from "./load-health-targets";
import { recordIncident } from "./record-incident";

export type SweepCollect = (branch: HealthBranch, mine: Set<string>) => Promise<Collected[]>;

export type SweepOptions = {
  client: Db;
  instanceId: string;
  /** Every instance sweeping the same slot shares its leases. */
  slot: string;
  trigger: "schedule" | "check-now";
  branches: HealthBranch[];
  /** Narrow to these boxes (Check now for one host). */
  only?: Set<string>;
  collect: SweepCollect;
  branchConcurrency?: number;
  webhook?: boolean;
  /** Called with every box this instance probed (tests count them). */
  onProbed?: (keys: string[]) => void;
};

/**
 * One sweep by one instance: branch by branch (in an order of its own, so instances
 * spread out), claim the branch's boxes for the slot, probe those it won, classify,
 * find the branch's root cause, and store. Branches run `branchConcurrency` at a time.
 */
export async function runSweep(o: SweepOptions): Promise<{ sweepId: number; boxes: number }> {
  const sweep = await o.client.healthSweep.create({
    data: { slot: o.slot, trigger: o.trigger, instanceId: o.instanceId, startedAt: new Date() },
  });
  const order = [...o.branches].sort((a, b) => rank(o.instanceId, a.code).localeCompare(rank(o.instanceId, b.code)));
  let boxes = 0;
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const branch = order[next++]!;
      const n = await sweepBranch(o, branch);
      boxes += n;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.branchConcurrency ?? 8) }, worker));
  await o.client.healthSweep.update({ where: { id: sweep.id }, data: { boxes, finishedAt: new Date() } });
  return { sweepId: sweep.id, boxes };
}

function rank(instanceId: string, code: string): string {
  return createHash("sha1").update(`${instanceId} ${code}`).digest("hex");
}

async function sweepBranch(o: SweepOptions, branch: HealthBranch): Promise<number> {
  const all: HealthTarget[] = [...(branch.gateway ? [branch.gateway] : []), ...branch.hosts];
  const wanted = all.filter((t) => !o.only || o.only.has(t.key)).map((t) => t.key);
  const mine = await claimLeases(o.client, o.slot, wanted, o.instanceId);
  if (mine.size === 0) return 0;
  const collected = await o.collect(branch, mine);
  o.onProbed?.(collected.map((c) => c.target.key));
  const stored = await o.client.healthState.findMany({
    where: { boxKey: { in: all.map((t) => t.key) } },
    select: { boxKey: true, status: true, counters: true },
  });
  const prev = new Map(stored.map((s) => [s.boxKey, s]));
  // The sweep's own time (tests replay history): when the first box of the branch answered.
  const now = new Date(Math.min(Date.now(), ...collected.map((c) => c.probe.at.getTime())));
  const results: BoxResult[] = collected.map(({ target: t, probe }) => ({
    key: t.key,
    kind: t.kind,
    boxId: t.boxId,
    name: t.name,
    branchCode: branch.code,
    at: probe.at,
    verdict: classifyBox(probe, parseCounters(prev.get(t.key)?.counters)),
    incidentId: null,
  }));
  // The branch's root cause from this sweep's verdicts, and the stored state of boxes others probed.
  const fresh = new Map(results.map((r) => [r.key, r.verdict.status]));
  const branchBoxes: BranchBox[] = all.map((t) => {
    const s = ZBoxHealth.safeParse(prev.get(t.key)?.status);
    return { key: t.key, kind: t.kind, name: t.name, status: fresh.get(t.key) ?? (s.success ? s.data : "unknown") };
  });
  // A narrowed Check now sees one box: it neither opens nor closes a branch's incident.
  const whole = !o.only;
  const finding = findBranchIncident(branch.code, branchBoxes, branch.lastRollout, now);
  const incidentId = whole ? await recordIncident(o.client, branch.code, finding, now) : null;
  const inIncident = new Set(finding?.boxKeys ?? []);
  for (const r of results) if (inIncident.has(r.key)) r.incidentId = incidentId;
  await ingestResults(o.client, results, { webhook: o.webhook ?? false });
  return results.length;
}
