import type { BoxProbe, HealthCounters } from "./box-probe";
import { HEALTH_CHECKS, type BoxHealth, type HealthCheck, type HealthCheckName } from "./health-views";
import type { SampleValues } from "./sample-codec";

export type BoxVerdict = {
  status: BoxHealth;
  summary: string;
  checks: HealthCheck[];
  counters: HealthCounters;
  sample: SampleValues;
  /** The box itself answered this sweep (lastSeenAt moves). */
  answered: boolean;
  /** A reboot since the last sweep (uptime went back), for the event log. */
  rebootedAt: Date | null;
};

/** Linux's USER_HZ on every architecture the fleet runs: /proc/<pid>/stat counts in it. */
const CLK_TCK = 100;
export const THRESHOLDS = {
  kswapdSpinPct: 50,
  memWarnPct: 90,
  swapWarnPct: 50,
  diskWarnPct: 90,
  clockSkewWarnS: 60,
  conntrackWarnPct: 80,
  /** Load per box is not normalised by CPU count (the read costs no extra process): a soft hint only. */
  loadWarn: 8,
};

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * One box's verdict from one sweep, pure: `previous` counters give rates and reboots.
 * The overall state puts the paths first (support path, then the host itself, then its gateway).
 */
export function classifyBox(p: BoxProbe, previous: HealthCounters): BoxVerdict {
  const checks: HealthCheck[] = [];
  const add = (check: HealthCheckName, status: HealthCheck["status"], reason: string, value: number | null = null) =>
    checks.push({ check, status, reason, value });
  const sample: SampleValues = {
    supportMs: null,
    memUsedPct: null,
    swapUsedPct: null,
    load1: null,
    kswapdCpuPct: null,
  };

  if (p.kind === "host") {
    if (p.support === null) add("support-path", "unknown", "no guest or no pinned host key to check against");
    else if (p.support.ok) add("support-path", "ok", `guest IP:22 presents the pinned key`, p.support.ms);
    else add("support-path", "fail", p.support.reason);
    if (p.support?.ok) sample.supportMs = p.support.ms;
    if (p.gatewayDown) add("via-gateway", "unknown", "unreachable: gateway down");
    else if (p.reach.ok) add("via-gateway", "ok", "link-local sshd answers through the gateway", p.reach.ms);
    else add("via-gateway", "fail", p.reach.reason);
  } else {
    if (p.reach.ok) add("gateway", "ok", "sshd answers with the pinned key", p.reach.ms);
    else add("gateway", "fail", p.reach.reason);
  }

  const counters: HealthCounters = {};
  let rebootedAt: Date | null = null;
  const r = p.reading;
  // A host is read over its support path when that works, through its gateway otherwise.
  const answered = p.reach.ok || !!p.support?.ok;
  if (answered && r) {
    rebootedAt = readingChecks(p, previous, counters, sample, add);
  } else if (answered && p.readingError) {
    add("uptime", "unknown", `health read failed: ${p.readingError}`);
  }
  if (answered) rulesCheck(p, add);

  const { status, summary } = overall(p, checks);
  checks.sort((a, b) => HEALTH_CHECKS.indexOf(a.check) - HEALTH_CHECKS.indexOf(b.check));
  return { status, summary, checks, counters, sample, answered, rebootedAt };
}

type Add = (check: HealthCheckName, status: HealthCheck["status"], reason: string, value?: number | null) => void;

function readingChecks(
  p: BoxProbe,
  previous: HealthCounters,
  counters: HealthCounters,
  sample: SampleValues,
  add: Add,
): Date | null {
  const r = p.reading!;
  const at = p.at.getTime() / 1000;
  if (p.kind === "host") guestChecks(p, add);
  if (p.kind === "host") bridgeChecks(p, add);
  if (p.kind === "gateway") {
    if (r.ipForward === 1) add("ip-forward", "ok", "net.ipv4.ip_forward=1", 1);
    else add("ip-forward", "fail", `net.ipv4.ip_forward is ${r.ipForward ?? "unreadable"}: hosts cannot reach out`);
    gatewayChecks(p, add);
  }
  // Memory and the kswapd0 trap.
  const memPct =
    r.memTotalKiB && r.memAvailableKiB !== null ? round(100 - (100 * r.memAvailableKiB) / r.memTotalKiB) : null;
  const swapPct =
    r.swapTotalKiB && r.swapFreeKiB !== null
      ? round(100 - (100 * r.swapFreeKiB) / r.swapTotalKiB)
      : r.swapTotalKiB === 0
        ? 0
        : null;
  sample.memUsedPct = memPct;
  sample.swapUsedPct = swapPct;
  let rebootedAt: Date | null = null;
  if (r.uptimeSeconds !== null) {
    const bootAt = Math.round(at - r.uptimeSeconds);
    counters.bootAt = bootAt;
    // More than a minute earlier or later than the last known boot: a reboot (uptime is not a wall clock).
    if (previous.bootAt !== undefined && Math.abs(bootAt - previous.bootAt) > 60) rebootedAt = new Date(bootAt * 1000);
    const days = round(r.uptimeSeconds / 86400, 2);
    add("uptime", "ok", rebootedAt ? `rebooted at ${rebootedAt.toISOString()}` : `up ${days} days`, days);
  } else add("uptime", "unknown", "uptime unreadable");

  let kswapdPct: number | null = null;
  if (r.kswapd) {
    counters.kswapdTicks = r.kswapd.ticks;
    counters.kswapdAt = at;
    // Counters from before a reboot (or another kernel) say nothing about this one.
    const sameBoot = previous.bootAt === undefined || Math.abs((counters.bootAt ?? 0) - previous.bootAt) <= 60;
    const prevOk =
      sameBoot &&
      previous.kswapdTicks !== undefined &&
      previous.kswapdAt !== undefined &&
      r.kswapd.ticks >= previous.kswapdTicks;
    if (prevOk && at > previous.kswapdAt!) {
      kswapdPct = round((100 * (r.kswapd.ticks - previous.kswapdTicks!)) / CLK_TCK / (at - previous.kswapdAt!));
    } else if (r.uptimeSeconds !== null) {
      // First sweep (or after a reboot): the average since kswapd0 started.
      const alive = r.uptimeSeconds - r.kswapd.startTicks / CLK_TCK;
      if (alive > 0) kswapdPct = round((100 * r.kswapd.ticks) / CLK_TCK / alive);
    }
  }
  sample.kswapdCpuPct = kswapdPct;
  const memWords =
    `memory ${memPct ?? "?"}% used, swap ${swapPct ?? "?"}% used, ` +
    `swappiness ${r.swappiness ?? "?"}, kswapd0 ${kswapdPct ?? "?"}% CPU`;
  if (kswapdPct !== null && kswapdPct >= THRESHOLDS.kswapdSpinPct && r.swappiness === 0) {
    add(
      "memory",
      "warn",
      `kswapd0 spinning at ${kswapdPct}% CPU with vm.swappiness=0 ` +
        "(the RHEL/CentOS 6 kswapd0 trap: set swappiness to 1 or more)",
      kswapdPct,
    );
  } else if (kswapdPct !== null && kswapdPct >= THRESHOLDS.kswapdSpinPct) {
    add("memory", "warn", `kswapd0 at ${kswapdPct}% CPU: memory pressure; ${memWords}`, kswapdPct);
  } else if (memPct !== null && memPct >= THRESHOLDS.memWarnPct) add("memory", "warn", memWords, memPct);
  else if (swapPct !== null && swapPct >= THRESHOLDS.swapWarnPct) add("memory", "warn", memWords, memPct);
  else add("memory", memPct === null ? "unknown" : "ok", memWords, memPct);

  sample.load1 = r.load1;
  if (r.load1 === null) add("load", "unknown", "load average unreadable");
  else add("load", r.load1 >= THRESHOLDS.loadWarn ? "warn" : "ok", `load average ${r.load1} (1 min)`, r.load1);

  if (r.disk) {
    const used = round(100 - (100 * r.disk.availKiB) / Math.max(1, r.disk.totalKiB));
    const free = `${round(r.disk.availKiB / 1048576, 1)} GiB free on / (${used}% used)`;
    add("disk", used >= THRESHOLDS.diskWarnPct ? "warn" : "ok", free, used);
  } else add("disk", "unknown", "df -P / gave nothing");

  if (p.kind === "host") {
    if (r.libvirtd === true) add("libvirtd", "ok", "libvirtd running");
    else if (r.libvirtd === false) add("libvirtd", "warn", "libvirtd is not running: the guest cannot be started");
    else add("libvirtd", "unknown", "could not tell whether libvirtd runs");
  }
  if (r.now !== null) {
    const skew = Math.round(r.now - at);
    const words =
      skew === 0
        ? "clock in step with the dashboard"
        : `clock ${Math.abs(skew)} s ${skew > 0 ? "ahead of" : "behind"} the dashboard`;
    add("clock", Math.abs(skew) >= THRESHOLDS.clockSkewWarnS ? "warn" : "ok", words, skew);
  } else add("clock", "unknown", "date +%s gave nothing");
  return rebootedAt;
}

function guestChecks(p: BoxProbe, add: Add): void {
  const r = p.reading!;
  const state = r.guestState;
  if (!p.expected.guestMac) add("guest", "unknown", "no guest recorded for this host");
  else if (state === "running") add("guest", "ok", "guest running");
  else if (state === "shut off" || state === "paused" || state === "crashed") add("guest", "warn", `guest ${state}`);
  else add("guest", "warn", `virsh domstate: ${state ?? "no answer"}`);
  if (p.expected.guestMac) {
    if (r.guestMacs.length === 0) add("guest-mac", "unknown", "virsh domiflist listed no interface");
    else if (r.guestMacs.includes(p.expected.guestMac.toLowerCase()))
      add("guest-mac", "ok", `guest MAC ${p.expected.guestMac}`);
    else add("guest-mac", "fail", `guest MAC is ${r.guestMacs.join(", ")}, the record says ${p.expected.guestMac}`);
  }
  if (p.expected.guestIp && p.ebtablesNat !== null) {
    const answers = p.ebtablesNat.split("\n").some((l) => l.includes("arpreply") && l.includes(p.expected.guestIp!));
    if (answers) add("guest-arp", "ok", `arpreply answers for ${p.expected.guestIp} while the guest is down`);
    else add("guest-arp", state === "running" ? "warn" : "fail", `no arpreply rule for ${p.expected.guestIp}`);
  }
}

function bridgeChecks(p: BoxProbe, add: Add): void {
  const r = p.reading!;
  const name = p.expected.bridge ?? "bridge";
  const ll = p.expected.linkLocalIp;
  if (!r.bridge || r.bridge.operstate === null) add("bridge", "fail", `bridge ${name} does not exist`);
  else if (r.bridge.up === false) add("bridge", "fail", `bridge ${name} is down`);
  else if (ll && !r.bridge.addrs.some((a) => a.split("/")[0] === ll)) {
    add("bridge", "fail", `bridge ${name} does not hold ${ll} (has ${r.bridge.addrs.join(", ") || "no IPv4 address"})`);
  } else add("bridge", "ok", `bridge ${name} up with ${ll ?? "its address"}`);
  if (r.brNetfilter === false) add("br-netfilter", "fail", "br_netfilter is not loaded: bridged frames skip iptables");
  else if (r.bridgeNfCallIptables !== 1) {
    add(
      "br-netfilter",
      "fail",
      `bridge-nf-call-iptables is ${r.bridgeNfCallIptables ?? "unreadable"}: without 1 the REDIRECT never fires`,
    );
  } else add("br-netfilter", "ok", "br_netfilter loaded, bridge-nf-call-iptables=1");
}

function gatewayChecks(p: BoxProbe, add: Add): void {
  const r = p.reading!;
  if (r.conntrack && r.conntrack.max > 0) {
    const pct = round((100 * r.conntrack.count) / r.conntrack.max);
    const words = `conntrack ${r.conntrack.count} of ${r.conntrack.max} entries (${pct}%)`;
    add("conntrack", pct >= THRESHOLDS.conntrackWarnPct ? "warn" : "ok", words, r.conntrack.count);
  } else add("conntrack", "unknown", "nf_conntrack_count/max unreadable (module not loaded?)");
  if (r.snat.length === 0) add("snat", "fail", "no SNAT/MASQUERADE rule in the nat table");
  else {
    const packets = r.snat.reduce((a, s) => a + s.packets, 0);
    add("snat", "ok", `${r.snat.length} SNAT rule(s), ${packets} packets`, packets);
  }
}

function rulesCheck(p: BoxProbe, add: Add): void {
  const rules = p.rules;
  const rollout = p.lastRollout ? `; last rollout #${p.lastRollout.id} ${p.lastRollout.status}` : "";
  if (!rules) return;
  if ("error" in rules) add("rules", "unknown", `${rules.error}${rollout}`);
  else if (rules.pending) add("rules", "warn", `unconfirmed change pending (${rules.pending})${rollout}`);
  else if (rules.drifted) {
    const shown = rules.diff.filter((l) => !l.startsWith("  ") && !l.startsWith("?"));
    add(
      "rules",
      "fail",
      `drifted: ${shown.length} difference(s), e.g. ${shown.slice(0, 2).join("; ")}${rollout}`,
      shown.length,
    );
  } else add("rules", "ok", `in line with the desired rules${rollout}`, 0);
}

/** The paths decide the state; otherwise the worst warning, support path first in the words. */
function overall(p: BoxProbe, checks: HealthCheck[]): { status: BoxHealth; summary: string } {
  const find = (c: HealthCheckName) => checks.find((x) => x.check === c);
  if (p.kind === "gateway") {
    if (!p.reach.ok) return { status: "gateway-down", summary: `gateway down: ${p.reach.reason}` };
  } else {
    if (p.gatewayDown) return { status: "unreachable", summary: "unreachable: gateway down" };
    const supportOk = p.support === null || p.support.ok;
    if (!p.reach.ok && !p.support?.ok) {
      const also = p.support && !p.support.ok ? " (support path broken too)" : "";
      return { status: "host-down", summary: `host down: ${p.reach.reason}${also}` };
    }
    if (!supportOk) {
      const rules = find("rules");
      const bnf = find("br-netfilter");
      const cause =
        rules?.status === "fail"
          ? `rules ${rules.reason}`
          : bnf?.status === "fail"
            ? bnf.reason
            : (p.support as { reason: string }).reason;
      return { status: "support-broken", summary: `support path broken: ${cause}` };
    }
  }
  const bad = checks.filter((c) => c.status === "fail" || c.status === "warn");
  if (bad.length === 0) return { status: "ok", summary: "ok" };
  const fails = bad.filter((c) => c.status === "fail");
  const first = (fails.length ? fails : bad).map((c) => c.reason);
  const guest = find("guest");
  if (p.kind === "host" && guest?.status === "warn" && p.support?.ok) {
    const rest = first.filter((w) => w !== guest.reason);
    return { status: "degraded", summary: [`${guest.reason}, support path OK`, ...rest].join("; ") };
  }
  return { status: "degraded", summary: first.join("; ") };
}
