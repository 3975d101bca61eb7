import { describe, expect, it } from "vitest";
import type { BoxProbe } from "./box-probe";
import { classifyBox } from "./classify-box";
import type { HealthReading } from "./parse-health-output";

const at = new Date("2026-11-30T12:00:00Z");
const T = at.getTime() / 1000;
const reading = (over: Partial<HealthReading> = {}): HealthReading => ({
  now: T,
  uptimeSeconds: 10_000,
  load1: 0.5,
  memTotalKiB: 8_000_000,
  memAvailableKiB: 6_000_000,
  swapTotalKiB: 0,
  swapFreeKiB: 0,
  swappiness: 60,
  kswapd: { ticks: 100, startTicks: 0 },
  disk: { totalKiB: 100, availKiB: 50 },
  ipForward: 0,
  conntrack: null,
  snat: [],
  brNetfilter: true,
  bridgeNfCallIptables: 1,
  bridge: { operstate: "up", up: true, addrs: ["169.254.1.10/16"] },
  libvirtd: true,
  guestState: "running",
  guestMacs: ["52:54:00:00:00:01"],
  ...over,
});
const host = (over: Partial<BoxProbe> = {}): BoxProbe => ({
  kind: "host",
  at,
  gatewayDown: false,
  support: { ok: true, ms: 12 },
  reach: { ok: true, ms: 30 },
  rules: { drifted: false, diff: [], pending: null },
  reading: reading(),
  readingError: null,
  lastRollout: null,
  expected: { guestMac: "52:54:00:00:00:01", guestIp: "198.18.1.10", linkLocalIp: "169.254.1.10", bridge: "virbr0" },
  ebtablesNat: "-p ARP --arp-ip-dst 198.18.1.10 -j arpreply --arpreply-mac 52:54:00:00:00:01",
  ...over,
});
const checkOf = (p: BoxProbe, name: string, prev = {}) => classifyBox(p, prev).checks.find((c) => c.check === name);

describe("classifyBox: the paths decide the state", () => {
  it("everything answering and in line is ok, support path first", () => {
    const v = classifyBox(host(), {});
    expect([v.status, v.summary]).toEqual(["ok", "ok"]);
    expect(v.checks[0]).toMatchObject({ check: "support-path", status: "ok", value: 12 });
    expect(v.sample.supportMs).toBe(12);
  });

  it("guest shut off with the support path working", () => {
    const v = classifyBox(host({ reading: reading({ guestState: "shut off" }) }), {});
    expect(v.status).toBe("degraded");
    expect(v.summary).toBe("guest shut off, support path OK");
  });

  it("host down: neither path answers; one line that also says the support path is broken", () => {
    const v = classifyBox(
      host({
        support: { ok: false, reason: "connection refused" },
        reach: { ok: false, reason: "refused" },
        reading: null,
      }),
      {},
    );
    expect(v.status).toBe("host-down");
    expect(v.summary).toBe("host down: refused (support path broken too)");
    expect(v.answered).toBe(false);
  });

  it("rules drifted: support broken, the drift named as the cause", () => {
    const v = classifyBox(
      host({
        support: { ok: false, reason: "timeout" },
        rules: { drifted: true, diff: ["+ -A BD-PRE -d 198.18.1.10 -j REDIRECT", "? foreign: x"], pending: null },
      }),
      {},
    );
    expect(v.status).toBe("support-broken");
    expect(v.summary).toMatch(/^support path broken: rules drifted: 1 difference/);
  });

  it("bridge-nf-call-iptables=0 is named as the cause of a broken support path", () => {
    const v = classifyBox(
      host({ support: { ok: false, reason: "x" }, reading: reading({ bridgeNfCallIptables: 0 }) }),
      {},
    );
    expect(v.summary).toContain("without 1 the REDIRECT never fires");
  });

  it("gateway down: the host has no verdict of its own", () => {
    const v = classifyBox(host({ gatewayDown: true, reach: { ok: false, reason: "gw" }, reading: null }), {});
    expect([v.status, v.summary]).toEqual(["unreachable", "unreachable: gateway down"]);
  });

  it("a gateway that does not answer is down", () => {
    const v = classifyBox(host({ kind: "gateway", reach: { ok: false, reason: "timed out" }, reading: null }), {});
    expect([v.status, v.summary]).toEqual(["gateway-down", "gateway down: timed out"]);
  });
});

describe("classifyBox: memory and the kswapd0 trap", () => {
  it("swappiness=0 with kswapd0 spinning since the last sweep is the trap", () => {
    const prev = { kswapdTicks: 100, kswapdAt: T - 300, bootAt: T - 10_000 };
    const p = host({ reading: reading({ swappiness: 0, kswapd: { ticks: 100 + 27_000, startTicks: 0 } }) });
    const c = checkOf(p, "memory", prev);
    expect(c).toMatchObject({ status: "warn", value: 90 });
    expect(c?.reason).toContain("kswapd0 spinning at 90% CPU with vm.swappiness=0");
  });

  it("the same CPU with swappiness 60 is memory pressure, not the trap", () => {
    const prev = { kswapdTicks: 100, kswapdAt: T - 300, bootAt: T - 10_000 };
    const c = checkOf(host({ reading: reading({ kswapd: { ticks: 27_100, startTicks: 0 } }) }), "memory", prev);
    expect(c?.reason).toMatch(/^kswapd0 at 90% CPU: memory pressure/);
  });

  it("an idle kswapd0 with swappiness=0 is fine", () => {
    const prev = { kswapdTicks: 100, kswapdAt: T - 300, bootAt: T - 10_000 };
    expect(checkOf(host({ reading: reading({ swappiness: 0 }) }), "memory", prev)?.status).toBe("ok");
  });

  it("a reboot since the last sweep is reported, and kswapd0 is measured since its start", () => {
    const prev = { kswapdTicks: 5_000_000, kswapdAt: T - 300, bootAt: T - 1_000_000 };
    const v = classifyBox(
      host({ reading: reading({ uptimeSeconds: 100, kswapd: { ticks: 50, startTicks: 0 } }) }),
      prev,
    );
    expect(v.rebootedAt?.toISOString()).toBe(new Date((T - 100) * 1000).toISOString());
    expect(v.sample.kswapdCpuPct).toBe(0.5); // 50 ticks = 0.5 s of CPU in 100 s
  });
});

describe("classifyBox: the other checks", () => {
  it.each<[string, Partial<HealthReading>, string, string]>([
    ["bridge missing", { bridge: null }, "bridge", "bridge virbr0 does not exist"],
    ["bridge down", { bridge: { operstate: "down", up: false, addrs: [] } }, "bridge", "bridge virbr0 is down"],
    ["no link-local", { bridge: { operstate: "up", up: true, addrs: [] } }, "bridge", "does not hold 169.254.1.10"],
    ["br_netfilter", { brNetfilter: false }, "br-netfilter", "br_netfilter is not loaded"],
    ["guest MAC", { guestMacs: ["52:54:00:99:99:99"] }, "guest-mac", "the record says 52:54:00:00:00:01"],
    ["libvirtd", { libvirtd: false }, "libvirtd", "libvirtd is not running"],
    ["clock", { now: T + 120 }, "clock", "clock 120 s ahead of the dashboard"],
    ["disk", { disk: { totalKiB: 100, availKiB: 5 } }, "disk", "(95% used)"],
  ])("%s", (_, over, name, words) => {
    const c = checkOf(host({ reading: reading(over) }), name);
    expect(c?.status).not.toBe("ok");
    expect(c?.reason).toContain(words);
  });

  it("gateways: ip_forward, conntrack, SNAT counters", () => {
    const g = host({
      kind: "gateway",
      reading: reading({
        ipForward: 1,
        conntrack: { count: 900, max: 1000 },
        snat: [{ rule: "-A X -j SNAT", packets: 5 }],
      }),
    });
    expect(checkOf(g, "ip-forward")?.status).toBe("ok");
    expect(checkOf(g, "conntrack")).toMatchObject({ status: "warn", value: 900 });
    expect(checkOf(g, "snat")).toMatchObject({ status: "ok", value: 5 });
    const off = host({ kind: "gateway", reading: reading({ ipForward: 0 }) });
    expect(checkOf(off, "ip-forward")?.status).toBe("fail");
  });
});
