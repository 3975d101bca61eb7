import type { BoxRef } from "@/lib/domain/health/box-key";
import { boxKey } from "@/lib/domain/health/box-key";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { findBranch } from "@/lib/server/inventory/find-branch";
import { sweepHealth, type SweepScope } from "./sweep-health";

export type CheckScope = { box: BoxRef } | { branch: string } | { fleet: true };

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Check now: validates the scope (404 naming it), then sweeps in the background and
 * answers at once; the result lands in GET /api/v1/health. The same scope asked again
 * while its check runs joins that check.
 */
export async function startHealthCheck(scope: CheckScope): Promise<{ scope: string; started: boolean }> {
  let sweep: SweepScope;
  let label: string;
  if ("box" in scope) {
    const { kind, id } = scope.box;
    const found =
      kind === "host"
        ? await db().host.findFirst({ where: { id, state: { not: "retired" } }, select: { id: true } })
        : await db().gateway.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw new AppError("not_found", `${kind} ${id} does not exist`);
    label = boxKey(scope.box);
    sweep = { box: label };
  } else if ("branch" in scope) {
    const branch = await findBranch(db() as unknown as Parameters<typeof findBranch>[0], scope.branch);
    label = `branch:${branch.code}`;
    sweep = { branch: branch.code };
  } else {
    label = "fleet";
    sweep = { fleet: true };
  }
  if (inFlight.has(label)) return { scope: label, started: false };
  const run = sweepHealth(sweep, { trigger: "check-now" })
    .catch((e: unknown) => console.error(`[branchdesk] health check of ${label} failed:`, e))
    .finally(() => inFlight.delete(label));
  inFlight.set(label, run);
  return { scope: label, started: true };
}

/** Resolves when every Check now started by this process has stored its results (tests; a clean stop). */
export async function healthChecksSettled(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight.values()]);
}
