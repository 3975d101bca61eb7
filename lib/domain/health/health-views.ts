import { z } from "zod";

/**
 * Per-box health as the API and the UI see it (issue 12). This file is the
 * contract between the collector (lib/server/health) and the pages: the
 * collector stores whatever it likes, but answers in these shapes.
 *
 * Served by (app/api/v1/health/...):
 * - GET  /api/v1/health?rows=&branch=&region=  ZFleetHealthResponse (viewer): counts and branch tiles for the
 *                                             whole fleet; rows for the boxes not ok (default), or every box
 *                                             (rows=all), or every box of one branch or region
 * - GET  /api/v1/health/boxes/{box}?range=     ZBoxHealthDetailResponse (viewer); range 6h | 24h (default) |
 *                                             7d | 30d | 90d; samples.resolution "5m" up to 7d, "1h" beyond
 * - POST /api/v1/health/check {box|branch|fleet}  Check now (operator), 202 { scope, started }: the sweep runs
 *                                             in the background; poll GET /api/v1/health for the results
 * - GET/PUT /api/v1/health/settings           interval, retention, webhook (admin;
 *                                             lib/domain/health/health-settings.ts)
 * - GET  /metrics                             Prometheus text, bearer BRANCHDESK_METRICS_TOKEN
 * A state not refreshed for 3 sweep intervals is answered as "silent" (silentSince = its last answer), whatever
 * was stored: the last good state is never shown as current.
 */

/** One box's overall state, worst first. `unreachable` = cannot tell, because its gateway is down. */
export const BOX_HEALTH = [
  "gateway-down", // a gateway that does not answer (gateways only)
  "host-down", // neither the support path nor the gateway path reaches the host
  "support-broken", // the host answers via its gateway, but guest-IP:22 does not reach it (rules, SNAT, bridge-nf)
  "unreachable", // a host behind a gateway that is down: no verdict of its own
  "silent", // stopped answering a while ago and has not been checked since: see silentSince
  "degraded", // reachable, with warnings (guest off, drift, kswapd0, disk...)
  "ok",
  "unknown", // never checked
] as const;
export const ZBoxHealth = z.enum(BOX_HEALTH);
export type BoxHealth = z.infer<typeof ZBoxHealth>;

export const CHECK_STATUSES = ["ok", "warn", "fail", "unknown"] as const;
export const ZCheckStatus = z.enum(CHECK_STATUSES);

/** The checks, in the order the UI shows them (support path first: the product's core promise). */
export const HEALTH_CHECKS = [
  "support-path", // dashboard -> guest-IP:22 presents the host's pinned key; value = latency ms
  "via-gateway", // the host's link-local sshd through the gateway's session; value = latency ms
  "gateway", // a gateway: its own sshd, pinned key; value = latency ms
  "guest", // libvirt domain state (running, shut off, paused, crashed)
  "guest-mac", // virsh domiflist shows the recorded guest MAC
  "guest-arp", // the arpreply rule answers for the guest IP (matters while the guest is down)
  "bridge", // exists, up, holds the host's link-local address
  "br-netfilter", // module loaded and bridge-nf-call-iptables=1
  "ip-forward", // gateways: net.ipv4.ip_forward=1
  "rules", // running digest of Branchdesk's chains vs the desired rules; pending change; last rollout
  "memory", // memory and swap use, vm.swappiness, kswapd0 CPU (the swappiness=0 kswapd0 trap)
  "load",
  "uptime", // a reboot since the last sweep is an event
  "disk", // free space on /
  "libvirtd",
  "clock", // skew against the dashboard
  "conntrack", // gateways: entries vs maximum
  "snat", // gateways: packet counters of the SNAT rules
] as const;
export const ZHealthCheckName = z.enum(HEALTH_CHECKS);
export type HealthCheckName = z.infer<typeof ZHealthCheckName>;

export const ZHealthCheck = z
  .object({
    check: ZHealthCheckName,
    status: ZCheckStatus,
    /** In words, for a techie: "connection refused on 198.18.1.10:22", "guest shut off". */
    reason: z.string(),
    /** The measured number, when there is one (latency ms, percent, entries...). */
    value: z.number().nullable(),
  })
  .meta({ id: "HealthCheck" });
export type HealthCheck = z.infer<typeof ZHealthCheck>;

export const ZBoxHealthView = z
  .object({
    box: z.string().meta({ description: '"host:12" or "gateway:3"' }),
    kind: z.enum(["host", "gateway"]),
    id: z.number().int(),
    name: z.string(),
    branchCode: z.string(),
    region: z.string(),
    status: ZBoxHealth,
    /** One line: the worst problem in words, or "ok". */
    summary: z.string(),
    supportMs: z.number().nullable(),
    checkedAt: z.string().nullable(),
    /** The last time the box itself answered. */
    lastSeenAt: z.string().nullable(),
    /** Set while the box does not answer: "silent since T". */
    silentSince: z.string().nullable(),
    incidentId: z.number().int().nullable(),
  })
  .meta({ id: "BoxHealth" });
export type BoxHealthView = z.infer<typeof ZBoxHealthView>;

export const ZHealthIncidentView = z
  .object({
    id: z.number().int(),
    branchCode: z.string(),
    /** gateway-down | support-broken (every host of the branch) | support-broken-after-rollout */
    kind: z.string(),
    summary: z.string(),
    rolloutId: z.number().int().nullable(),
    boxes: z.number().int(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: "HealthIncident" });
export type HealthIncidentView = z.infer<typeof ZHealthIncidentView>;

export const ZHealthEventView = z
  .object({
    id: z.number().int(),
    box: z.string(),
    name: z.string(),
    check: z.string().meta({ description: 'a check name, or "box" for the overall state' }),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    incidentId: z.number().int().nullable(),
  })
  .meta({ id: "HealthEvent" });
export type HealthEventView = z.infer<typeof ZHealthEventView>;

/**
 * GET /api/v1/health's query. At 10,000 boxes the news is the few hundred that are not ok:
 * those are the default rows. `rows=all` lists every box; `branch` or `region` lists every
 * box there (ok ones too). Counts and branch tiles always cover the whole fleet.
 */
export const ZFleetHealthQuery = z.object({
  rows: z
    .enum(["attention", "all"])
    .default("attention")
    .meta({ description: "attention: boxes that are not ok (default); all: every box" }),
  branch: z.string().trim().max(64).optional().meta({ description: "every box of this branch (code)" }),
  region: z.string().trim().max(200).optional().meta({ description: "every box of this region" }),
});
export type FleetHealthQuery = z.infer<typeof ZFleetHealthQuery>;

/** GET /api/v1/health: the fleet at a glance, and the rows its query asked for (the page virtualizes them). */
export const ZFleetHealthResponse = z
  .object({
    counts: z.record(ZBoxHealth, z.number().int()),
    total: z.number().int(),
    lastSweep: z
      .object({ startedAt: z.string(), finishedAt: z.string().nullable(), boxes: z.number().int() })
      .nullable(),
    incidents: z.array(ZHealthIncidentView),
    branches: z.array(
      z.object({ code: z.string(), name: z.string(), region: z.string(), worst: ZBoxHealth, boxes: z.number().int() }),
    ),
    /** What `boxes` holds: the query as understood, and how many boxes that scope has in all. */
    scope: z.object({
      rows: z.enum(["attention", "all"]),
      branch: z.string().nullable(),
      region: z.string().nullable(),
      boxes: z.number().int(),
    }),
    /** Worst first, then branch, then name. */
    boxes: z.array(ZBoxHealthView),
  })
  .meta({ id: "FleetHealth" });
export type FleetHealthResponse = z.infer<typeof ZFleetHealthResponse>;

export const ZHealthSamplePoint = z.object({
  at: z.string(),
  supportMs: z.number().nullable(),
  memUsedPct: z.number().nullable(),
  swapUsedPct: z.number().nullable(),
  load1: z.number().nullable(),
  kswapdCpuPct: z.number().nullable(),
});

/** GET /api/v1/health/boxes/{box}: one box's panel. */
export const ZBoxHealthDetailResponse = z
  .object({
    box: ZBoxHealthView,
    /** The last sweep's checks in HEALTH_CHECKS order; while box.status is "silent" they are that old. */
    checks: z.array(ZHealthCheck),
    /** Newest first, at most 200. A box going down is one "box" event, not one per check it takes along. */
    events: z.array(ZHealthEventView),
    samples: z.object({ resolution: z.string(), points: z.array(ZHealthSamplePoint) }),
  })
  .meta({ id: "BoxHealthDetail" });
export type BoxHealthDetailResponse = z.infer<typeof ZBoxHealthDetailResponse>;
