import type { BoxRef } from "@/lib/domain/health/box-key";
import { parseAdoptLine, type AdoptLine } from "@/lib/domain/nat-audit/adopt-line";
import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import type { Actor } from "@/lib/server/auth/actor";
import { AppError } from "@/lib/server/errors/app-error";
import { startRollout } from "@/lib/server/rollouts/start-rollout";
import { planNatAdoption } from "./plan-nat-adoption";

/**
 * "Adopt hand-made rules" (issue 13): ONE rollout over the chosen boxes, each applied
 * atomically with the dead-man of every rollout. Branchdesk's chains go in and the plan's
 * hand-made lines go out in the same iptables-restore transaction; foreign rules are never
 * named. The operator confirms by typing the number of lines removed, against the audits the
 * plan came from. Support paths must work before and after, or the box rolls back.
 */
export async function startNatAdoption(
  actor: Actor,
  input: { boxes: BoxRef[]; auditIds: number[]; confirm: number },
): Promise<{ rollout: { id: number }; removeCount: number; done: Promise<void> }> {
  const plan = await planNatAdoption(input.boxes);
  const seen = new Set(input.auditIds);
  const newer = plan.boxes.filter((b) => !seen.has(b.auditId));
  if (newer.length) {
    const which = newer.map((b) => `${b.boxName} (#${b.auditId})`).join(", ");
    throw new AppError("conflict", `newer audits exist for ${which}: show the adoption plan again and confirm that`);
  }
  const problems = plan.boxes.flatMap((b) => b.problems.map((p) => `${b.boxName}: ${p}`));
  if (problems.length) throw new AppError("validation", `cannot adopt: ${problems.join("; ")}`);
  if (plan.removeCount === 0) {
    throw new AppError("validation", "nothing to adopt: no hand-made equivalents or duplicates in the latest audits", {
      boxes: ["no hand-made Branchdesk-equivalent rule on these boxes; a normal rollout installs the rules"],
    });
  }
  if (input.confirm !== plan.removeCount) {
    throw new AppError("validation", `confirm with ${plan.removeCount}, the number of lines this adoption removes`, {
      confirm: [`type ${plan.removeCount} (you typed ${input.confirm})`],
    });
  }
  const branchCodes = [...new Set(plan.boxes.map((b) => b.branchCode))] as StartRolloutInput["branchCodes"];
  const adopt: Record<string, AdoptLine[]> = {};
  for (const b of plan.boxes) {
    if (b.remove.length === 0) continue;
    adopt[b.box] = b.remove.map((r) => {
      const line = parseAdoptLine(r.line);
      if (!line.ok) throw new AppError("validation", `${b.boxName}: ${line.error}`);
      return line.value;
    });
  }
  const rolloutInput: StartRolloutInput = {
    branchCodes,
    dryRun: false,
    concurrency: 8,
    canary: false,
    // Every box stands alone (its own atomic apply and rollback): one failing stops none of the others.
    failureBudget: plan.boxes.length,
  };
  const { id, done } = await startRollout(actor, rolloutInput, { only: plan.boxes.map((b) => b.box), adopt });
  return { rollout: { id }, removeCount: plan.removeCount, done };
}
