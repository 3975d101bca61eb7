import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Lab } from "@/e2e/lab/lab";
import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { db } from "@/lib/server/db/client";
import { getRollout } from "@/lib/server/rollouts/get-rollout";
import { startRollout } from "@/lib/server/rollouts/start-rollout";
import { enrolledDb, type RolloutBench } from "@/lib/testing/rollout-bench";
import { getBoxHealth } from "./get-box-health";
import { getFleetHealth } from "./get-fleet-health";
import { sweepHealth } from "./sweep-health";

vi.mock("server-only", () => ({}));

// 2 branches x 3 hosts, rules applied by a real rollout so every support path works at first.
let lab: Lab;
let bench: RolloutBench;
const OPERATOR = { userId: null, username: "olivia", role: "operator" as const };

const hostKey = async (hostname: string) => `host:${(await db().host.findUniqueOrThrow({ where: { hostname } })).id}`;
const gatewayKey = async (hostname: string) =>
  `gateway:${(await db().gateway.findUniqueOrThrow({ where: { hostname } })).id}`;
const stateOf = async (key: string) => db().healthState.findUniqueOrThrow({ where: { boxKey: key } });
const check = async (key: string, name: string) =>
  (await getBoxHealth({ kind: key.split(":")[0] as "host", id: Number(key.split(":")[1]) })).checks.find(
    (c) => c.check === name,
  );

beforeAll(async () => {
  lab = await Lab.up({ branches: 2, hostsPerBranch: 3 });
  bench = await enrolledDb(lab);
  const { id, done } = await startRollout(OPERATOR, {
    branchCodes: lab.inventory.branches.map((b) => b.code) as StartRolloutInput["branchCodes"],
    dryRun: false,
    concurrency: 8,
    canary: false,
    failureBudget: 1,
  });
  await done;
  expect((await getRollout(id)).rollout.status).toBe("succeeded");
}, 400_000);
afterAll(async () => {
  await bench?.t.drop();
  await lab?.down();
});

describe("health sweeps on a real lab", () => {
  it("a first sweep finds every support path working and no rules drifted", async () => {
    const r = await sweepHealth({ fleet: true }, { trigger: "check-now" });
    expect(r.boxes).toBe(8);
    const fleet = await getFleetHealth();
    for (const b of fleet.boxes) {
      expect(["ok", "degraded"], `${b.name}: ${b.summary}`).toContain(b.status);
    }
    const h = await hostKey("br-0001-h01");
    expect((await check(h, "support-path"))?.status).toBe("ok");
    expect((await check(h, "rules"))?.status).toBe("ok");
    expect((await check(h, "bridge"))?.status, (await check(h, "bridge"))?.reason).toBe("ok");
    expect((await check(await gatewayKey("br-0001-gw"), "ip-forward"))?.status).toBe("ok");
  }, 120_000);

  it("guest powered off -> 'guest shut off, support path OK'", async () => {
    await lab.guestOff("br-0001-h01");
    const key = await hostKey("br-0001-h01");
    await sweepHealth({ box: key }, { trigger: "check-now" });
    const s = await stateOf(key);
    expect(s.status).toBe("degraded");
    expect(s.summary).toContain("guest shut off, support path OK");
    expect((await check(key, "support-path"))?.status).toBe("ok");
  }, 120_000);

  it("host sshd killed -> 'host down' and 'support path broken', reported once", async () => {
    const key = await hostKey("br-0001-h02");
    await lab.stopSshd("br-0001-h02");
    const before = await db().healthEvent.count({ where: { boxKey: key } });
    await sweepHealth({ box: key }, { trigger: "check-now" });
    const s = await stateOf(key);
    expect(s.status).toBe("host-down");
    expect(s.summary).toMatch(/^host down: .*support path broken/);
    expect(s.silentSince).not.toBeNull();
    const events = await db().healthEvent.findMany({ where: { boxKey: key }, skip: before });
    expect(events.map((e) => `${e.check} ${e.to}`)).toEqual(["box host-down"]);
    await sweepHealth({ box: key }, { trigger: "check-now" }); // still down: no second report
    expect(await db().healthEvent.count({ where: { boxKey: key } })).toBe(before + 1);
  }, 120_000);

  it("host rules flushed -> drifted and support path broken", async () => {
    const key = await hostKey("br-0001-h03");
    await lab.exec("br-0001-h03", ["iptables", "-t", "nat", "-F"]);
    await sweepHealth({ box: key }, { trigger: "check-now" });
    const s = await stateOf(key);
    expect(s.status).toBe("support-broken");
    expect((await check(key, "rules"))?.reason).toMatch(/^drifted/);
    expect((await check(key, "support-path"))?.status).toBe("fail");
    expect(s.summary).toContain("drifted");
  }, 120_000);

  it("gateway down -> one branch incident, its hosts 'unreachable: gateway down'", async () => {
    await lab.stopSshd("br-0002-gw");
    await sweepHealth({ branch: "BR-0002" }, { trigger: "check-now" });
    const fleet = await getFleetHealth();
    const incidents = fleet.incidents.filter((i) => i.branchCode === "BR-0002");
    expect(incidents.map((i) => i.kind)).toEqual(["gateway-down"]);
    const boxes = fleet.boxes.filter((b) => b.branchCode === "BR-0002");
    expect(boxes.find((b) => b.kind === "gateway")?.status).toBe("gateway-down");
    for (const h of boxes.filter((b) => b.kind === "host")) {
      expect(h.summary).toBe("unreachable: gateway down");
      expect(h.status).toBe("unreachable");
      expect(h.incidentId).toBe(incidents[0]!.id);
    }
    await sweepHealth({ branch: "BR-0002" }, { trigger: "check-now" }); // still down: the same incident
    expect(await db().healthIncident.count({ where: { branchCode: "BR-0002" } })).toBe(1);
    await lab.startSshd("br-0002-gw");
    await sweepHealth({ branch: "BR-0002" }, { trigger: "check-now" });
    const closed = await db().healthIncident.findFirstOrThrow({ where: { branchCode: "BR-0002" } });
    expect(closed.endedAt).not.toBeNull();
  }, 180_000);

  it("swappiness=0 with a fixture /proc reporting kswapd0 CPU -> the kswapd0 warning", async () => {
    const dir = `/tmp/bd-health-proc-${process.pid}`;
    const write = (f: string, text: string) => {
      mkdirSync(`${dir}/${f.split("/").slice(0, -1).join("/")}`, { recursive: true });
      writeFileSync(`${dir}/${f}`, text);
    };
    write("uptime", "1000.00 1800.00\n");
    write("loadavg", "1.20 1.00 0.90 2/300 4000\n");
    write("meminfo", "MemTotal: 8000000 kB\nMemAvailable: 2000000 kB\nSwapTotal: 1000000 kB\nSwapFree: 1000000 kB\n");
    write("sys/vm/swappiness", "0\n");
    write("sys/net/bridge/bridge-nf-call-iptables", "1\n");
    // 900 s of CPU (utime 60000 + stime 30000 ticks) since it started at boot: 90% on average.
    write("45/comm", "kswapd0\n");
    write("45/stat", `45 (kswapd0) S 2 0 0 0 -1 2230336 0 0 0 0 60000 30000 0 0 20 0 1 0 0 0 0\n`);
    const key = await hostKey("br-0002-h01");
    const env = (t: { key: string }): Record<string, string> => (t.key === key ? { BRANCHDESK_PROC: dir } : {});
    await sweepHealth({ box: key }, { trigger: "check-now", env });
    const memory = await check(key, "memory");
    expect(memory?.status).toBe("warn");
    expect(memory?.reason).toContain("kswapd0 spinning at 90% CPU with vm.swappiness=0");
    // Since the last sweep: another 1,000 s of CPU in a few seconds.
    write("45/stat", `45 (kswapd0) S 2 0 0 0 -1 2230336 0 0 0 0 110000 80000 0 0 20 0 1 0 0 0 0\n`);
    await sweepHealth({ box: key }, { trigger: "check-now", env });
    expect((await check(key, "memory"))?.reason).toMatch(/kswapd0 spinning at \d+(\.\d+)?% CPU with vm.swappiness=0/);
    write("sys/vm/swappiness", "60\n");
    await sweepHealth({ box: key }, { trigger: "check-now", env });
    expect((await check(key, "memory"))?.reason).not.toContain("swappiness=0");
  }, 120_000);
});
