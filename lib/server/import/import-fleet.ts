import { createHash } from "node:crypto";
import { byPosition, type ImportError } from "@/lib/domain/import/import-error";
import { countPlan, planChanges, type ImportCounts, type ImportPlan } from "@/lib/domain/import/import-plan";
import {
  IMPORT_RECORDS_SHOWN,
  type ImportInput,
  type ImportRecordView,
  type ImportResult,
} from "@/lib/domain/import/import-views";
import { parseImport } from "@/lib/domain/import/parse-import";
import { planImport } from "@/lib/domain/import/plan-import";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { applyImportPlan } from "./apply-import-plan";
import { loadFleetSnapshot } from "./load-fleet-snapshot";

/**
 * A bulk import of branches, gateways, hosts and guests. A dry run (the
 * preview) plans against the fleet as it is; a commit plans again inside
 * its one SERIALIZABLE transaction, so what it checks is what it writes,
 * and writes everything or, on any error, nothing (422 listing them all).
 */
export async function importFleet(actor: Actor, input: ImportInput): Promise<ImportResult> {
  const digest = createHash("sha256").update(input.content, "utf8").digest("hex");
  const parsed = parseImport(input.format, input.content);
  const planFrom = async (fleet: Parameters<typeof planImport>[1]) => {
    const plan = planImport(parsed.rows, fleet);
    plan.errors = [...parsed.errors, ...plan.errors].sort(byPosition);
    return plan;
  };
  if (input.dryRun) {
    const plan = await planFrom(await loadFleetSnapshot(db()));
    return result(input, digest, parsed.rows.length, plan, false);
  }
  return writeTransaction(actor, async (tx, audit) => {
    const plan = await planFrom(await loadFleetSnapshot(tx));
    if (plan.errors.length > 0) throw refused(plan.errors);
    if (planChanges(plan) === 0) return result(input, digest, parsed.rows.length, plan, false);
    await applyImportPlan(tx, plan, audit);
    const counts = countPlan(plan);
    const what = input.filename ? `${input.filename} (sha256 ${digest})` : `sha256 ${digest}`;
    const after = { digest, filename: input.filename ?? null, format: input.format, rows: parsed.rows.length, counts };
    audit({ type: "import", id: digest, action: "import" }, null, after, `imported ${what}: ${describe(counts)}`);
    return result(input, digest, parsed.rows.length, plan, true);
  });
}

function refused(errors: readonly ImportError[]): AppError {
  const fields: Record<string, string[]> = Object.create(null);
  for (const e of errors) (fields[`row ${e.row}: ${e.column}`] ??= []).push(e.message);
  const first = errors[0]!;
  const message =
    `the import has ${errors.length} error${errors.length === 1 ? "" : "s"}; nothing was written ` +
    `(first: row ${first.row}, column ${first.column}: ${first.message})`;
  return new AppError("validation", message, fields);
}

function result(input: ImportInput, digest: string, rows: number, plan: ImportPlan, committed: boolean): ImportResult {
  const counts = countPlan(plan);
  const changes = planChanges(plan);
  const records = recordViews(plan);
  const shown = [
    ...records.filter((r) => r.action !== "unchanged"),
    ...records.filter((r) => r.action === "unchanged"),
  ];
  let message: string;
  if (plan.errors.length > 0) message = `${plan.errors.length} errors: fix the file and preview again`;
  else if (changes === 0) message = `nothing to change: the fleet already matches these ${rows} rows`;
  else message = `${committed ? "imported" : "would import"}: ${describe(counts)}`;
  return {
    dryRun: input.dryRun,
    committed,
    digest,
    rows,
    counts,
    changes,
    message,
    errors: plan.errors,
    records: shown.slice(0, IMPORT_RECORDS_SHOWN),
    recordsNotShown: Math.max(0, shown.length - IMPORT_RECORDS_SHOWN),
  };
}

function recordViews(plan: ImportPlan): ImportRecordView[] {
  const views = (entity: ImportRecordView["entity"], items: ImportPlan["hosts" | "branches" | "gateways" | "guests"]) =>
    items.map((p) => ({
      row: p.row,
      entity,
      branchCode: p.branchCode,
      name: p.name,
      action: p.action,
      changed: p.changed,
    }));
  return [
    ...views("branch", plan.branches),
    ...views("gateway", plan.gateways),
    ...views("host", plan.hosts),
    ...views("guest", plan.guests),
  ].sort((a, b) => a.row - b.row);
}

/** "3 branches created, 40 hosts created, 2 hosts updated, ..." (nothing for a zero). */
export function describe(counts: ImportCounts): string {
  const parts: string[] = [];
  for (const [entity, c] of Object.entries(counts)) {
    const name = (n: number) => (n === 1 ? entity.replace(/e?s$/, "").replace("branche", "branch") : entity);
    if (c.create) parts.push(`${c.create} ${name(c.create)} created`);
    if (c.update) parts.push(`${c.update} ${name(c.update)} updated`);
  }
  return parts.join(", ") || "nothing to change";
}
