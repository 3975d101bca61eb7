import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Lab } from "./lab";
import { run } from "@/lib/testing/proc";
import { isRunning, runNamespaces } from "./reaper";
import { readSlots, reapStale } from "./slots";
import { sshdPid } from "./sshd";
import { boxDir } from "./boxes";

const REPO = path.resolve(__dirname, "../..");
const FIXTURE = path.join(__dirname, "fixtures/hold-lab.ts");

/** Starts the hold-lab fixture (a 1x1 lab owned by a separate process); resolves once it is up. */
function holdLab(
  wrap: string[] = [],
): Promise<{ pid: number; prefix: string; exited: Promise<number | null>; stderr: () => string }> {
  const argv = [...wrap, process.execPath, "--import", "tsx", FIXTURE];
  const child = spawn(argv[0]!, argv.slice(1), { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      const m = /\{"prefix":"(\w+)"/.exec(d.toString());
      if (m) resolve({ pid: child.pid!, prefix: m[1]!, exited, stderr: () => err });
    });
    exited.then((code) => reject(Object.assign(new Error(`hold-lab exited ${code}: ${err}`), { code, stderr: err })));
  });
}

function assertGone(prefix: string) {
  expect(runNamespaces(prefix)).toEqual([]);
  expect(existsSync(`/sys/class/net/${prefix}-hq`)).toBe(false);
  expect(readSlots().map((r) => r.prefix)).not.toContain(prefix);
  expect(existsSync(`/run/branchdesk-lab/runs/${prefix}`)).toBe(false);
}

describe("branch lab lifecycle", () => {
  let a: Lab;
  let b: Lab;
  beforeAll(async () => {
    [a, b] = await Promise.all([
      Lab.up({ branches: 1, hostsPerBranch: 1 }),
      Lab.up({ branches: 1, hostsPerBranch: 2 }),
    ]);
  });
  afterAll(async () => {
    await a?.down();
    await b?.down();
  });

  it("two runs at once get their own slot, prefix and root route, and the root namespace reaches both", async () => {
    expect(a.inventory.slot).not.toBe(b.inventory.slot);
    expect(a.inventory.hq.labCidr).not.toBe(b.inventory.hq.labCidr);
    for (const lab of [a, b]) {
      const route = await run(["ip", "route", "show", lab.inventory.hq.labCidr]);
      expect(route.stdout).toContain(`via ${lab.inventory.hq.ip} dev ${lab.inventory.hq.rootIfname}`);
      const gw = lab.inventory.branches[0]!.gateway;
      expect((await run(lab.sshArgv(gw.hostname, ["hostname"]))).stdout.trim()).toBe(gw.hostname);
    }
  });

  it("stopSshd refuses new sessions; startSshd brings the same box back with the same host key", async () => {
    const h = a.inventory.branches[0]!.hosts[0]!;
    const gw = a.inventory.branches[0]!.gateway;
    await a.stopSshd(gw.hostname);
    const refused = await a.fromHq(a.sshArgv(gw.hostname, ["true"]), { allowFailure: true });
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(/Connection refused/);
    await a.startSshd(gw.hostname);
    expect((await a.fromHq(a.sshArgv(gw.hostname, ["cat", "/etc/hostname"]))).stdout).toBe(`${gw.hostname}\n`);
    // exec still works while sshd is down: the holder keeps the box's namespaces.
    await a.stopSshd(h.hostname);
    expect((await a.exec(h.hostname, ["hostname"])).stdout.trim()).toBe(h.hostname);
    await a.startSshd(h.hostname);
    expect(await sshdPid(boxDir(a.inventory.runDir, h.netns))).toBeGreaterThan(0);
  });

  it("addForeignNatRules adds libvirt-style rules to a host, once", async () => {
    const h = b.inventory.branches[0]!.hosts[1]!;
    const rules = await b.addForeignNatRules(h.hostname);
    await b.addForeignNatRules(h.hostname);
    const saved = (await b.exec(h.hostname, ["iptables", "-t", "nat", "-S"])).stdout.split("\n");
    for (const rule of rules) expect(saved.filter((l) => l === rule)).toHaveLength(1);
    expect(rules).toContain("-A LIBVIRT_PRT -s 203.0.113.0/24 ! -d 203.0.113.0/24 -j MASQUERADE");
  });

  it("down removes the run's namespaces, processes, root link and route, files and slot", async () => {
    const c = await Lab.up({ branches: 1, hostsPerBranch: 1 });
    const holder = Number(
      (
        await run([
          "cat",
          path.join(boxDir(c.inventory.runDir, c.inventory.branches[0]!.hosts[0]!.netns), "holder.pid"),
        ])
      ).stdout,
    );
    expect(isRunning(holder)).toBe(true);
    await c.down();
    assertGone(c.prefix);
    expect((await run(["ip", "route", "show", c.inventory.hq.labCidr])).stdout).toBe("");
    expect(isRunning(holder)).toBe(false);
  });

  it("a run whose process gets SIGTERM removes itself", async () => {
    const held = await holdLab();
    expect(runNamespaces(held.prefix).length).toBe(5);
    process.kill(held.pid, "SIGTERM");
    await held.exited;
    assertGone(held.prefix);
  });

  it("a SIGKILLed run's leftovers are reaped before the next run claims a slot", async () => {
    const held = await holdLab();
    process.kill(held.pid, "SIGKILL");
    await held.exited;
    expect(runNamespaces(held.prefix).length).toBe(5); // nobody cleaned up...
    expect(reapStale()).toContain(held.prefix); // ...until the reaper sees the owner is dead
    assertGone(held.prefix);
  });

  it("without root the lab refuses to start, saying it needs root", async () => {
    const nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"];
    const failure = await holdLab(nobody).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/the branch lab needs root/);
  });
});
