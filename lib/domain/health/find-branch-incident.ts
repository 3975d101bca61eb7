import type { BoxHealth } from "./health-views";

export type IncidentKind = "gateway-down" | "support-broken" | "support-broken-after-rollout";
export type BranchFinding = { kind: IncidentKind; summary: string; rolloutId: number | null; boxKeys: string[] };
export type BranchBox = { key: string; kind: "host" | "gateway"; name: string; status: BoxHealth };

/** A rollout that finished this long before a branch-wide break is named as its likely cause. */
export const ROLLOUT_BLAME_MS = 24 * 3_600_000;

/**
 * One root cause per branch instead of an alarm per box, pure:
 * - its gateway is down: every host behind it is "unreachable: gateway down", one incident;
 * - the support path is broken on every host (two or more) while they answer through the
 *   gateway: one incident, naming the last rollout when it finished within a day before.
 */
export function findBranchIncident(
  branchCode: string,
  boxes: BranchBox[],
  lastRollout: { id: number; finishedAt: Date | null } | null,
  now: Date,
): BranchFinding | null {
  const gateway = boxes.find((b) => b.kind === "gateway");
  const hosts = boxes.filter((b) => b.kind === "host");
  if (gateway?.status === "gateway-down") {
    return {
      kind: "gateway-down",
      summary: `gateway ${gateway.name} of ${branchCode} is down: ${hosts.length} host(s) unreachable behind it`,
      rolloutId: null,
      boxKeys: [gateway.key, ...hosts.map((h) => h.key)],
    };
  }
  if (hosts.length >= 2 && hosts.every((h) => h.status === "support-broken")) {
    const blamed =
      lastRollout?.finishedAt && now.getTime() - lastRollout.finishedAt.getTime() <= ROLLOUT_BLAME_MS
        ? lastRollout
        : null;
    return {
      kind: blamed ? "support-broken-after-rollout" : "support-broken",
      summary: blamed
        ? `support path broken on every host of ${branchCode} (${hosts.length}) after rollout #${blamed.id}`
        : `support path broken on every host of ${branchCode} (${hosts.length}); the hosts answer through the gateway`,
      rolloutId: blamed?.id ?? null,
      boxKeys: hosts.map((h) => h.key),
    };
  }
  return null;
}
