/**
 * The boot path: `restore` (what branchdesk-rules.service runs) re-applies the
 * confirmed copy from /etc only once the bridge exists, since libvirt creates
 * it late; and the boot hooks for boxes without systemd. A "rebooted box" is
 * a fresh namespace using the first one's /etc directory and an empty /run.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addBridge } from "@/lib/testing/netns";
import { useAgentLabs, hostPayload, SHELLS, waitFor, type AgentLab } from "./testing/agent-lab";
import { parseAgentResult } from "@/lib/rollout/ssh/agent-result";

const A = { ip: "198.51.100.10", mac: "52:54:00:01:02:0a" };
const { lab } = useAgentLabs();

/** A box with a confirmed rule set in its /etc. */
async function confirmedBox(shell: (typeof SHELLS)[number], env: Record<string, string> = {}) {
  const l = await lab(shell);
  expect((await l.agent({ verb: "apply", token: "t1", payload: hostPayload([A]) }, env)).result).toMatchObject({
    ok: true,
    changed: true,
  });
  expect((await l.agent({ verb: "confirm", token: "t1" }, env)).result).toMatchObject({ ok: true, confirmed: true });
  return l;
}

/** Runs the persisted agent the way the unit's ExecStart does. */
async function restore(box: AgentLab, etc: string, env: Record<string, string> = {}) {
  const r = await box.exec(["sh", path.join(etc, "branchdesk-agent.sh"), "restore"], undefined, {
    BRANCHDESK_ETC: etc,
    ...env,
  });
  const parsed = parseAgentResult(r.stdout);
  if (!parsed.ok) throw new Error(`${parsed.error}\n${r.stderr}`);
  return parsed.value;
}

describe.each(SHELLS)("boot restore under %s", (shell) => {
  it("waits for a bridge created 2 s later, then applies the confirmed copy", async () => {
    const box = await confirmedBox(shell);
    const applied = await box.iptablesSave();
    const rebooted = await lab(shell, { bridges: [] });
    const running = restore(rebooted, box.etc);
    await new Promise((r) => setTimeout(r, 2000));
    // Still waiting: nothing applied before the bridge exists.
    expect(await rebooted.iptablesSave()).not.toContain("BRANCHDESK");
    await addBridge(rebooted.ns, "virbr0");
    const result = await running;
    expect(result).toMatchObject({
      ok: true,
      verb: "restore",
      restored: true,
      token: "t1",
      changed: true,
      bridge: "virbr0",
      warning: null,
      matchesPayload: true,
    });
    expect(result.ok && result.verb === "restore" ? result.waitedSeconds : 0).toBeGreaterThanOrEqual(1);
    expect(await rebooted.iptablesSave()).toBe(applied);
    expect(await rebooted.ebtablesSave()).toContain("-A PREROUTING -j BRANCHDESK-ARP");
    expect(await rebooted.sysctl("net.bridge.bridge-nf-call-iptables")).toBe("1");
    // A second run (a restart of the unit) changes nothing.
    expect(await restore(rebooted, box.etc)).toMatchObject({ ok: true, restored: true, changed: false });
  });

  it("a bridge that never comes: applies after the bounded wait and says so", async () => {
    const box = await confirmedBox(shell);
    const rebooted = await lab(shell, { bridges: [] });
    const result = await restore(rebooted, box.etc, { BRANCHDESK_WAIT_SECONDS: "2" });
    expect(result).toMatchObject({
      ok: true,
      restored: true,
      changed: true,
      warning: "bridge virbr0 did not appear within 2 s; rules applied without it",
    });
    expect(await rebooted.iptablesSave()).toContain("-A PREROUTING -j BRANCHDESK-PRE");
  });

  it("nothing confirmed yet: restores nothing (a pending copy is never booted)", async () => {
    const l = await lab(shell);
    await l.agent({ verb: "apply", token: "t1", payload: hostPayload([A]) });
    const rebooted = await lab(shell);
    const r = await rebooted.exec(["sh", path.join(l.etc, "rules.t1", "branchdesk-agent.sh"), "restore"], undefined, {
      BRANCHDESK_ETC: l.etc,
    });
    expect(parseAgentResult(r.stdout)).toMatchObject({ ok: true, value: { ok: true, restored: false } });
    expect(await rebooted.iptablesSave()).not.toContain("BRANCHDESK");
  });

  it("without systemd, sysv: an LSB init script whose start restores in the background", async () => {
    const l0 = await lab(shell);
    const dir = path.join(l0.dir, "init.d");
    await l0.exec(["mkdir", "-p", dir]);
    const env = { BRANCHDESK_INIT: "sysv", BRANCHDESK_INITD_DIR: dir, BRANCHDESK_SYSV_REGISTER: "true" };
    await l0.agent({ verb: "apply", token: "t1", payload: hostPayload([A]) }, env);
    expect((await l0.agent({ verb: "confirm", token: "t1" }, env)).result).toMatchObject({
      ok: true,
      bootHook: "sysv",
    });
    const script = path.join(dir, "branchdesk-rules");
    expect((await stat(script)).mode & 0o111).not.toBe(0);
    const text = await readFile(script, "utf8");
    expect(text).toContain("### BEGIN INIT INFO");
    expect(text).toContain("# Should-Start:      libvirtd libvirt-bin iptables ebtables firewalld");
    expect((await l0.exec(["sh", "-n", script])).code).toBe(0);
    const rebooted = await lab(shell);
    const start = await rebooted.exec(["sh", script, "start"]);
    expect(start.stdout).toContain('"background":true');
    await waitFor("the background restore", async () => (await rebooted.iptablesSave()).includes("BRANCHDESK-PRE"), 30);
  });

  it("without systemd or init.d tools: one hook line in rc.local, before `exit 0`, never twice", async () => {
    const l = await lab(shell);
    const rc = path.join(l.dir, "rc.local");
    await writeFile(rc, "#!/bin/sh -e\n# rc.local\nexit 0\n");
    const env = { BRANCHDESK_INIT: "rclocal", BRANCHDESK_RC_LOCAL: rc };
    await l.agent({ verb: "apply", token: "t1", payload: hostPayload([A]) }, env);
    expect((await l.agent({ verb: "confirm", token: "t1" }, env)).result).toMatchObject({
      ok: true,
      bootHook: "rclocal",
    });
    await l.agent(
      { verb: "apply", token: "t2", payload: hostPayload([A, { ip: "198.51.100.11", mac: "52:54:00:01:02:0b" }]) },
      env,
    );
    await l.agent({ verb: "confirm", token: "t2" }, env);
    const lines = (await readFile(rc, "utf8")).split("\n");
    const hook = lines.findIndex((x) => x.endsWith("# branchdesk-rules"));
    expect(lines.filter((x) => x.endsWith("# branchdesk-rules"))).toHaveLength(1);
    expect(lines[hook]).toContain(`/bin/sh ${l.etc}/branchdesk-agent.sh restore --background`);
    expect(lines[hook + 1]).toBe("exit 0");
    expect((await stat(rc)).mode & 0o111).not.toBe(0);
  });
});
