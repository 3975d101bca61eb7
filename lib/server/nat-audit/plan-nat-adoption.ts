import { boxKey, type BoxRef } from "@/lib/domain/health/box-key";
import { classifyNatTable, parseNatTable, planAdoption } from "@/lib/domain/nat-audit";
import { ruleTool } from "@/lib/domain/rules/rule";
import { db, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { loadHealthTargets, type HealthTarget } from "@/lib/server/health/load-health-targets";
import { inventoryFor, loadNatInventory } from "./load-nat-inventory";
import type { NatAdoptionBoxPlan, NatAdoptionPlan } from "@/lib/domain/nat-audit/nat-adoption-views";

/**
 * The adoption plan of some boxes (issue 13), from each box's latest audit as read (its
 * iptables-save text) classified against today's inventory: the exact lines that go, what
 * Branchdesk adds, how many rules stay. Read-only. The rollout re-reads each box and refuses
 * if the lines on it are no longer exactly these.
 */
export async function planNatAdoption(boxes: readonly BoxRef[], client: Db = db()): Promise<NatAdoptionPlan> {
  const keys = [...new Set(boxes.map(boxKey))];
  const targets = new Map<string, HealthTarget>();
  for (const b of await loadHealthTargets(client)) {
    for (const t of [...(b.gateway ? [b.gateway] : []), ...b.hosts]) targets.set(t.key, t);
  }
  const inventory = await loadNatInventory(client);
  const out: NatAdoptionBoxPlan[] = [];
  for (const key of keys) {
    const t = targets.get(key);
    if (!t) throw new AppError("not_found", `box ${key} does not exist`, { boxes: [`${key} is not in the inventory`] });
    if (!t.desired) throw new AppError("validation", `${t.name}: ${t.problem ?? "no rule set"}`, { boxes: [key] });
    const audit = await client.natAudit.findFirst({
      where: { boxKey: key, status: "ok" },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { id: true, at: true, iptablesText: true },
    });
    if (!audit?.iptablesText) {
      throw new AppError("conflict", `${t.name} has no NAT audit yet: audit it first, then adopt`, { boxes: [key] });
    }
    const table = parseNatTable(audit.iptablesText);
    if (!table.ok) throw new AppError("validation", `${t.name}: audit #${audit.id} cannot be parsed: ${table.error}`);
    const findings = classifyNatTable(table.value, {
      role: t.kind,
      expectedRules: t.desired.rules.filter((r) => ruleTool(r) === "iptables"),
      inventory: inventoryFor(t, inventory),
    });
    const plan = planAdoption(findings);
    out.push({
      box: key,
      boxName: t.name,
      kind: t.kind,
      branchCode: t.branchCode,
      auditId: audit.id,
      auditAt: audit.at.toISOString(),
      remove: plan.remove,
      add: plan.add,
      keep: plan.keep,
      problems: plan.problems,
    });
  }
  return { boxes: out, removeCount: out.reduce((n, b) => n + b.remove.length, 0) };
}
