import type { HealthReading } from "./parse-health-output";

/** A path check's outcome: answered in `ms`, or failed with a reason a techie can act on. */
export type PathResult = { ok: true; ms: number } | { ok: false; reason: string };

/** What one sweep learned about one box, before classification (lib/server/health collects it). */
export type BoxProbe = {
  kind: "host" | "gateway";
  /** Dashboard time when the box answered (or the sweep gave up on it). */
  at: Date;
  /** Hosts: the box's gateway did not answer, so nothing behind it could be reached. */
  gatewayDown: boolean;
  /** Hosts: guest-IP:22 presents the pinned key; null when the host has no guest or no pinned key. */
  support: PathResult | null;
  /** Hosts: SSH via the gateway to the link-local address; gateways: their own SSH. */
  reach: PathResult;
  /** The rules read: drifted or not (lines of the diff), an unconfirmed change, or why it could not be read. */
  rules: { drifted: boolean; diff: string[]; pending: string | null } | { error: string } | null;
  reading: HealthReading | null;
  /** Why the health read failed, when the box answered but the read did not. */
  readingError: string | null;
  /** The last rollout that touched the box's branch. */
  lastRollout: { id: number; status: string } | null;
  /** What the inventory says. */
  expected: { guestMac: string | null; guestIp: string | null; linkLocalIp: string | null; bridge: string | null };
  /** The ebtables nat listing (arpreply rules), when the rules read got it. */
  ebtablesNat: string | null;
};

/** Kept in HealthState.counters between sweeps. */
export type HealthCounters = {
  kswapdTicks?: number;
  kswapdAt?: number;
  bootAt?: number;
  /** Each check's last status, to tell a check's own change from the last sweep's. */
  sig?: Record<string, string>;
};
