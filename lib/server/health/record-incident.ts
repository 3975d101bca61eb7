import type { BranchFinding } from "@/lib/domain/health/find-branch-incident";
import type { Db } from "@/lib/server/db/client";

/**
 * Keeps one open incident per branch in step with this sweep's finding: the same
 * kind stays open (box count updated), another kind or none closes it. Answers the
 * open incident's id, or null.
 */
export async function recordIncident(
  client: Db,
  branchCode: string,
  finding: BranchFinding | null,
  now: Date,
): Promise<number | null> {
  const open = await client.healthIncident.findMany({ where: { branchCode, endedAt: null } });
  const keep = finding ? open.find((i) => i.kind === finding.kind) : undefined;
  const close = open.filter((i) => i !== keep).map((i) => i.id);
  if (close.length) await client.healthIncident.updateMany({ where: { id: { in: close } }, data: { endedAt: now } });
  if (!finding) return null;
  if (keep) {
    await client.healthIncident.update({
      where: { id: keep.id },
      data: { boxes: finding.boxKeys.length, summary: finding.summary, rolloutId: finding.rolloutId },
    });
    return keep.id;
  }
  const created = await client.healthIncident.create({
    data: {
      branchCode,
      kind: finding.kind,
      summary: finding.summary,
      rolloutId: finding.rolloutId,
      boxes: finding.boxKeys.length,
      startedAt: now,
    },
  });
  return created.id;
}
