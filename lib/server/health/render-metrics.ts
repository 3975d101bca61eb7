import { timingSafeEqual } from "node:crypto";
import { BOX_HEALTH, CHECK_STATUSES } from "@/lib/domain/health/health-views";
import { db, type Db } from "@/lib/server/db/client";
import { parseStoredChecks } from "./box-health-view";
import { STALE_INTERVALS } from "./get-fleet-health";
import { readHealthSettings } from "./read-health-settings";

/** Prometheus label values: backslash, double quote and line feed escaped (text exposition format 0.0.4). */
const label = (v: string) => v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");

/**
 * /metrics in Prometheus text format. Labels are box, branch and check only, so the
 * series are bounded by boxes x checks (no reason text, no free-form values):
 * - branchdesk_health_check: the status as a number (0 ok, 1 warn, 2 fail, 3 unknown);
 * - branchdesk_health_check_value: the measured number, where the check has one;
 * - branchdesk_health_box_status: the box's state as its rank in BOX_HEALTH (see HELP);
 * - branchdesk_health_box_checked_timestamp_seconds: when it was last checked.
 * A state older than the staleness bound is reported as silent, as the API does.
 */
export async function renderMetrics(client: Db = db(), now = new Date()): Promise<string> {
  const [states, settings, sweep] = await Promise.all([
    client.healthState.findMany({
      select: { boxKey: true, branchCode: true, status: true, checks: true, checkedAt: true },
      orderBy: { boxKey: "asc" },
    }),
    readHealthSettings(client),
    client.healthSweep.findFirst({ where: { finishedAt: { not: null } }, orderBy: { startedAt: "desc" } }),
  ]);
  const staleMs = settings.intervalSeconds * 1000 * STALE_INTERVALS;
  const checkLines: string[] = [];
  const valueLines: string[] = [];
  const boxLines: string[] = [];
  const checkedLines: string[] = [];
  for (const s of states) {
    const base = `box="${label(s.boxKey)}",branch="${label(s.branchCode)}"`;
    const stale = !s.checkedAt || now.getTime() - s.checkedAt.getTime() > staleMs;
    const status = stale ? "silent" : s.status;
    boxLines.push(`branchdesk_health_box_status{${base}} ${Math.max(0, BOX_HEALTH.indexOf(status as never))}`);
    if (s.checkedAt)
      checkedLines.push(`branchdesk_health_box_checked_timestamp_seconds{${base}} ${s.checkedAt.getTime() / 1000}`);
    if (stale) continue;
    for (const c of parseStoredChecks(s.checks)) {
      const l = `${base},check="${label(c.check)}"`;
      checkLines.push(`branchdesk_health_check{${l}} ${CHECK_STATUSES.indexOf(c.status)}`);
      if (c.value !== null && Number.isFinite(c.value))
        valueLines.push(`branchdesk_health_check_value{${l}} ${c.value}`);
    }
  }
  return [
    `# HELP branchdesk_health_box_status Box state: ${BOX_HEALTH.map((s, i) => `${i}=${s}`).join(", ")}.`,
    "# TYPE branchdesk_health_box_status gauge",
    ...boxLines,
    "# HELP branchdesk_health_box_checked_timestamp_seconds When the box was last checked.",
    "# TYPE branchdesk_health_box_checked_timestamp_seconds gauge",
    ...checkedLines,
    `# HELP branchdesk_health_check Check status: ${CHECK_STATUSES.map((s, i) => `${i}=${s}`).join(", ")}.`,
    "# TYPE branchdesk_health_check gauge",
    ...checkLines,
    "# HELP branchdesk_health_check_value The check's measured number (latency ms, percent, entries, packets).",
    "# TYPE branchdesk_health_check_value gauge",
    ...valueLines,
    "# HELP branchdesk_health_last_sweep_timestamp_seconds When the last finished sweep started.",
    "# TYPE branchdesk_health_last_sweep_timestamp_seconds gauge",
    `branchdesk_health_last_sweep_timestamp_seconds ${sweep ? sweep.startedAt.getTime() / 1000 : 0}`,
    "",
  ].join("\n");
}

/**
 * /metrics is for a scraper, not a browser: a bearer token (BRANCHDESK_METRICS_TOKEN, at
 * least 24 characters) compared in constant time. Without the variable the endpoint is off.
 */
export function metricsAccess(authorization: string | null, env = process.env): "ok" | "off" | "denied" {
  const token = env.BRANCHDESK_METRICS_TOKEN;
  if (!token || token.length < 24) return "off";
  const m = /^Bearer (.+)$/.exec(authorization ?? "");
  if (!m) return "denied";
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? "ok" : "denied";
}
