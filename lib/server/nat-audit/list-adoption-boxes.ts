import { db, type Db } from "@/lib/server/db/client";
import { loadHealthTargets } from "@/lib/server/health/load-health-targets";
import { latestNatAuditIds } from "./list-nat-audits";

export type AdoptionBox = {
  box: string;
  name: string;
  kind: "gateway" | "host";
  /** Hand-made equivalents its latest audit counted: the branch page offers adoption when any box has some. */
  handMade: number;
};
export type SkippedAdoptionBox = Omit<AdoptionBox, "handMade"> & { reason: string };

/**
 * Which boxes of a branch "Adopt hand-made rules" can plan over (issue 13): the gateway and
 * the hosts that are not retired (the boxes a rollout targets) whose LATEST audit read the box
 * and that have a rule set. The others are named with what to do first: an adoption plans from
 * the newest read, so a failed latest audit means auditing again, not planning from an older
 * read. Read-only; the plan itself (planNatAdoption) decides which lines go.
 */
export async function listAdoptionBoxes(
  branchCode: string,
  client: Db = db(),
): Promise<{ boxes: AdoptionBox[]; skipped: SkippedAdoptionBox[] }> {
  const [branch] = await loadHealthTargets(client, [branchCode]);
  const targets = branch ? [...(branch.gateway ? [branch.gateway] : []), ...branch.hosts] : [];
  if (targets.length === 0) return { boxes: [], skipped: [] };
  const ids = await latestNatAuditIds(client, { boxKey: { in: targets.map((t) => t.key) } });
  const rows = await client.natAudit.findMany({
    where: { id: { in: ids } },
    select: { boxKey: true, status: true, error: true, counts: true },
  });
  const audits = new Map(rows.map((r) => [r.boxKey, r]));
  const boxes: AdoptionBox[] = [];
  const skipped: SkippedAdoptionBox[] = [];
  for (const t of targets) {
    const box = { box: t.key, name: t.name, kind: t.kind };
    const audit = audits.get(t.key);
    if (!t.desired)
      skipped.push({ ...box, reason: `no rule set (${t.problem ?? "inventory incomplete"}): fix it first` });
    else if (!audit) skipped.push({ ...box, reason: "no NAT audit yet: audit it first" });
    else if (audit.status !== "ok") {
      skipped.push({ ...box, reason: `its latest NAT audit failed (${audit.error ?? "not read"}): audit it again` });
    } else {
      const counts = JSON.parse(audit.counts) as Record<string, number>;
      boxes.push({ ...box, handMade: counts["hand-made-equivalent"] ?? 0 });
    }
  }
  return { boxes, skipped };
}
