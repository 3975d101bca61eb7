import { z } from "zod";
import { boxKey, type BoxKind } from "@/lib/domain/health/box-key";
import {
  ZBoxHealth,
  ZHealthCheck,
  type BoxHealth,
  type BoxHealthView,
  type HealthCheck,
} from "@/lib/domain/health/health-views";

/** The stored state of a box (prisma HealthState), as read. */
export type HealthStateRow = {
  boxKey: string;
  status: string;
  summary: string;
  checks: string;
  supportMs: number | null;
  checkedAt: Date | null;
  lastSeenAt: Date | null;
  silentSince: Date | null;
  incidentId: number | null;
};

export type BoxIdentity = { kind: BoxKind; id: number; name: string; branchCode: string; region: string };

/**
 * A box's view. A state older than `staleAfterMs` (no sweep reached the box since: the
 * scheduler stopped, the lease holder died) is "silent since" its last answer, never shown
 * as current.
 */
export function toBoxHealthView(
  box: BoxIdentity,
  row: HealthStateRow | undefined,
  now: Date,
  staleAfterMs: number,
): BoxHealthView {
  const base = { box: boxKey(box), kind: box.kind, id: box.id, name: box.name, branchCode: box.branchCode };
  if (!row || !row.checkedAt) {
    return {
      ...base,
      region: box.region,
      status: "unknown",
      summary: "never checked",
      supportMs: null,
      checkedAt: null,
      lastSeenAt: null,
      silentSince: null,
      incidentId: null,
    };
  }
  const parsed = ZBoxHealth.safeParse(row.status);
  let status: BoxHealth = parsed.success ? parsed.data : "unknown";
  let summary = row.summary;
  let silentSince = row.silentSince;
  if (now.getTime() - row.checkedAt.getTime() > staleAfterMs) {
    status = "silent";
    silentSince = row.silentSince ?? row.lastSeenAt ?? row.checkedAt;
    summary = `silent since ${silentSince.toISOString()} (not checked since ${row.checkedAt.toISOString()})`;
  }
  return {
    ...base,
    region: box.region,
    status,
    summary,
    supportMs: status === "silent" ? null : row.supportMs,
    checkedAt: row.checkedAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    silentSince: silentSince?.toISOString() ?? null,
    incidentId: row.incidentId,
  };
}

export function parseStoredChecks(text: string): HealthCheck[] {
  try {
    const parsed = z.array(ZHealthCheck).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
