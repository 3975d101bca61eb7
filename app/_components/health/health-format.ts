import { HEALTH_CHECKS, type HealthCheck } from "@/lib/domain/health/health-views";

/** The checks in the order a techie reads them: the support path first (the product's promise). */
export function orderChecks(checks: readonly HealthCheck[]): HealthCheck[] {
  const rank = (c: HealthCheck) => HEALTH_CHECKS.indexOf(c.check);
  return [...checks].sort((a, b) => rank(a) - rank(b));
}

/** "support path", "br_netfilter": a check's name as a heading. */
export const CHECK_LABELS: Record<HealthCheck["check"], string> = {
  "support-path": "Support path",
  "via-gateway": "Host via gateway",
  gateway: "Gateway",
  guest: "Guest",
  "guest-mac": "Guest MAC",
  "guest-arp": "Guest ARP reply",
  bridge: "Bridge",
  "br-netfilter": "br_netfilter",
  "ip-forward": "IP forwarding",
  rules: "Rules",
  memory: "Memory and kswapd0",
  load: "Load",
  uptime: "Uptime",
  disk: "Disk",
  libvirtd: "libvirtd",
  clock: "Clock",
  conntrack: "Conntrack",
  snat: "SNAT",
};

/** A span of time in the largest units that matter: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "3 min ago" against the page's clock; "never" for a box nobody checked. */
export function formatAgo(iso: string | null, now: number): string {
  if (iso === null) return "never";
  return `${formatSpan(now - Date.parse(iso))} ago`;
}

/** "12.4 ms", "—" when there is no measurement. */
export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A moment as a techie reads it in the console: "30/11/2026, 14:05". */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" });
}

/** "silent since 30/11/2026, 14:05 (25 min)": never the last good state as if it were current. */
export function silentSince(iso: string, now: number): string {
  return `silent since ${formatTime(iso)} (${formatSpan(now - Date.parse(iso))})`;
}
