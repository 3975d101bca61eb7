import { BOX_HEALTH, ZBoxHealth, type BoxHealth, type FleetHealthQuery } from "@/lib/domain/health/health-views";
import type { FleetHealthResponse } from "@/lib/domain/health/health-views";
import { db, type Db } from "@/lib/server/db/client";
import { toBoxHealthView } from "./box-health-view";
import { countByBranchAndStatus, loadFleetRows } from "./fleet-health-sql";
import { toIncidentView } from "./health-incident-view";
import { readHealthSettings } from "./read-health-settings";

const RANK = new Map<BoxHealth, number>(BOX_HEALTH.map((s, i) => [s, i]));

/** A state not refreshed for this many intervals is shown as silent. */
export const STALE_INTERVALS = 3;

const asHealth = (s: string): BoxHealth => {
  const parsed = ZBoxHealth.safeParse(s);
  return parsed.success ? parsed.data : "unknown";
};

/**
 * GET /api/v1/health: counts and each branch's worst state for the whole fleet (grouped in
 * SQL), open incidents, and the rows the query asks for, worst first: by default only the
 * boxes that are not ok, which is what a techie looks for among 10,000.
 */
export async function getFleetHealth(
  client: Db = db(),
  now = new Date(),
  query: FleetHealthQuery = { rows: "attention" },
): Promise<FleetHealthResponse> {
  const settings = await readHealthSettings(client);
  const staleBefore = new Date(now.getTime() - settings.intervalSeconds * 1000 * STALE_INTERVALS);
  const branch = query.branch || null;
  const region = query.region || null;
  const scoped = branch !== null || region !== null;
  // Unscoped (the page's first answer), the rows need no branch ids: every read goes out at once.
  const [branches, grouped, incidents, lastSweep, unscopedRows] = await Promise.all([
    client.branch.findMany({ select: { id: true, code: true, name: true, region: true }, orderBy: { code: "asc" } }),
    countByBranchAndStatus(client, staleBefore),
    client.healthIncident.findMany({ where: { endedAt: null }, orderBy: { startedAt: "desc" } }),
    client.healthSweep.findFirst({ orderBy: { startedAt: "desc" } }),
    scoped ? null : loadFleetRows(client, { staleBefore, branchIds: null, attention: query.rows === "attention" }),
  ]);
  const inScope = branches.filter((b) => (!branch || b.code === branch) && (!region || b.region === region));
  const rows =
    unscopedRows ??
    (await loadFleetRows(client, { staleBefore, branchIds: inScope.map((b) => b.id), attention: false }));

  const counts = Object.fromEntries(BOX_HEALTH.map((s) => [s, 0])) as Record<BoxHealth, number>;
  const perBranch = new Map<number, { worst: BoxHealth; boxes: number }>();
  for (const g of grouped) {
    const status = asHealth(g.status);
    counts[status] += g.n;
    const w = perBranch.get(g.branchId);
    if (!w) perBranch.set(g.branchId, { worst: status, boxes: g.n });
    else {
      w.boxes += g.n;
      if (RANK.get(status)! < RANK.get(w.worst)!) w.worst = status;
    }
  }
  const byId = new Map(branches.map((b) => [b.id, b]));
  const staleMs = now.getTime() - staleBefore.getTime();
  const views = rows.flatMap((r) => {
    const b = byId.get(r.branchId);
    if (!b) return [];
    const identity = { kind: r.kind, id: r.id, name: r.name, branchCode: b.code, region: b.region };
    const state = r.status === null ? undefined : { ...r, boxKey: `${r.kind}:${r.id}`, status: r.status, checks: "[]" };
    return [toBoxHealthView(identity, state && { ...state, summary: r.summary ?? "" }, now, staleMs)];
  });
  views.sort(
    (a, b) =>
      RANK.get(a.status)! - RANK.get(b.status)! ||
      a.branchCode.localeCompare(b.branchCode) ||
      a.name.localeCompare(b.name),
  );
  const scopeIds = new Set(inScope.map((b) => b.id));
  return {
    counts,
    total: Object.values(counts).reduce((a, n) => a + n, 0),
    lastSweep: lastSweep
      ? {
          startedAt: lastSweep.startedAt.toISOString(),
          finishedAt: lastSweep.finishedAt?.toISOString() ?? null,
          boxes: lastSweep.boxes,
        }
      : null,
    incidents: incidents.map(toIncidentView),
    branches: branches.map((b) => ({
      code: b.code,
      name: b.name,
      region: b.region,
      worst: perBranch.get(b.id)?.worst ?? "unknown",
      boxes: perBranch.get(b.id)?.boxes ?? 0,
    })),
    scope: {
      rows: scoped ? "all" : query.rows,
      branch,
      region,
      boxes: [...perBranch].reduce((a, [id, w]) => a + (scopeIds.has(id) ? w.boxes : 0), 0),
    },
    boxes: views,
  };
}
