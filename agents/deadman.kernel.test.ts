/**
 * The dead-man in a real kernel: an apply the dashboard does not confirm is
 * undone by a detached timer (which outlives the "SSH session", i.e. the
 * bundle's process), the pending persisted copy goes with it, and confirm,
 * rollback and a second apply behave as the rollout engine expects.
 * Waits poll the agent's own status; durations are never asserted.
 */
import { createHash } from "node:crypto";
import { appendFile, cp, mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FOREIGN_IPTABLES } from "@/lib/domain/rules/testdata/foreign";
import { agentSource } from "@/lib/rollout/ssh/agent-source";
import { netnsPids } from "@/lib/testing/netns";
import { run } from "@/lib/testing/proc";
import { useAgentLabs, hostPayload, SHELLS, waitFor, type AgentLab } from "./testing/agent-lab";

const A = { ip: "198.51.100.10", mac: "52:54:00:01:02:0a" };
const B = { ip: "198.51.100.11", mac: "52:54:00:01:02:0b" };
const { lab } = useAgentLabs();

async function snapshot(l: AgentLab) {
  return {
    ipt: await l.iptablesSave(),
    eb: await l.ebtablesSave(),
    br: await l.sysctl("net.bridge.bridge-nf-call-iptables"),
  };
}

async function noPending(l: AgentLab) {
  const s = await l.agent({ verb: "status" });
  return s.result.ok && s.result.verb === "status" && s.result.pending.length === 0;
}

const nsPids = (l: AgentLab) => netnsPids(l.ns.name);
const etcEntries = async (l: AgentLab) => (await readdir(l.etc).catch(() => [] as string[])).sort();

describe.each(SHELLS)("dead-man under %s", (shell) => {
  it(
    "from empty, not confirmed: the timer (alive after the session " +
      "ended) restores the empty state and drops the pending copy",
    async () => {
      const l = await lab(shell);
      const before = await snapshot(l);
      const r = await l.agent({ verb: "apply", token: "t1", confirmTimeoutSeconds: 2, payload: hostPayload([A]) });
      expect(r.result).toMatchObject({ ok: true, changed: true, armed: true, persisted: "pending" });
      expect(await etcEntries(l)).toEqual(["pending", "rules.t1"]);
      await waitFor("the dead-man to roll back", () => noPending(l));
      expect(await snapshot(l)).toEqual(before);
      expect(await etcEntries(l)).toEqual([]);
      const late = await l.agent({ verb: "confirm", token: "t1" });
      expect(late.result).toMatchObject({ ok: false, stage: "confirm" });
      expect(late.result.ok ? "" : late.result.error).toContain("rolled-back not confirmed within the dead-man window");
    },
  );

  it(
    "over a confirmed rule set, not confirmed: " + "back to exactly the confirmed state, which stays the persisted one",
    async () => {
      const l = await lab(shell);
      await l.ns.run(["iptables-restore", "--noflush"], FOREIGN_IPTABLES);
      expect((await l.agent({ verb: "apply", token: "a", payload: hostPayload([A]) })).result).toMatchObject({
        ok: true,
      });
      expect((await l.agent({ verb: "confirm", token: "a" })).result).toMatchObject({ ok: true, confirmed: true });
      const confirmed = await snapshot(l);
      const r = await l.agent({ verb: "apply", token: "b", confirmTimeoutSeconds: 2, payload: hostPayload([A, B]) });
      expect(r.result).toMatchObject({ ok: true, changed: true, counts: { iptablesRules: 2, ebtablesRules: 2 } });
      expect(await l.iptablesSave()).toContain("198.51.100.11");
      await waitFor("the dead-man to roll back", () => noPending(l));
      expect(await snapshot(l)).toEqual(confirmed);
      expect(await etcEntries(l)).toEqual(["active", "branchdesk-agent.sh", "branchdesk-agent.sha", "rules.a"]);
      expect((await readFile(path.join(l.etc, "active"), "utf8")).trim()).toBe("rules.a");
    },
  );

  it(
    "confirmed: still applied after the window, " + "the copy promoted, the timer gone, a boot unit installed",
    async () => {
      const l = await lab(shell);
      const payload = hostPayload([A]);
      await l.agent({ verb: "apply", token: "t1", confirmTimeoutSeconds: 5, payload });
      const c = await l.agent({ verb: "confirm", token: "t1" });
      expect(c.result).toMatchObject({ ok: true, confirmed: true, persisted: "active", bootHook: "systemd" });
      const applied = await snapshot(l);
      await new Promise((r) => setTimeout(r, 7000)); // past the window
      expect(await snapshot(l)).toEqual(applied);
      await waitFor("the timer to exit", async () => (await nsPids(l)).length === 0, 10);
      expect((await readFile(path.join(l.etc, "active"), "utf8")).trim()).toBe("rules.t1");
      expect(await readFile(path.join(l.etc, "rules.t1", "branchdesk.iptables"), "utf8")).toBe(
        payload.rendered["branchdesk.iptables"],
      );
      expect(await readFile(path.join(l.etc, "branchdesk-agent.sh"), "utf8")).toBe(agentSource());
      const unit = path.join(l.systemd, "branchdesk-rules.service");
      expect(await readFile(unit, "utf8")).toContain(`ExecStart=/bin/sh ${l.etc}/branchdesk-agent.sh restore`);
      expect(await readdir(path.join(l.systemd, "multi-user.target.wants"))).toEqual(["branchdesk-rules.service"]);
      const verify = await run(["systemd-analyze", "verify", unit], { allowFailure: true });
      expect(verify.stderr).toBe("");
      expect(verify.code).toBe(0);
      expect((await l.agent({ verb: "confirm", token: "t1" })).result).toMatchObject({ ok: true, already: true });
    },
  );

  it(
    "the boot agent is copied only when it changed: same agent, " + "same file; a new agent replaces it and its digest",
    async () => {
      const l = await lab(shell);
      const bootAgent = path.join(l.etc, "branchdesk-agent.sh");
      const applyAndConfirm = async (token: string, guests: (typeof A)[]) => {
        expect((await l.agent({ verb: "apply", token, payload: hostPayload(guests) })).result).toMatchObject({
          ok: true,
          changed: true,
        });
        expect((await l.agent({ verb: "confirm", token })).result).toMatchObject({ ok: true, confirmed: true });
      };
      await applyAndConfirm("t1", [A]);
      const first = await stat(bootAgent);
      const digest = (await readFile(path.join(l.etc, "branchdesk-agent.sha"), "utf8")).trim();
      expect(digest).toBe(`sha256:${createHash("sha256").update(agentSource()).digest("hex")}`);
      await applyAndConfirm("t2", [A, B]);
      expect((await stat(bootAgent)).ino).toBe(first.ino);
      // A newer agent (one more comment line) is copied to the boot agent and its digest recorded.
      const newer = await mkdtemp(path.join(tmpdir(), "bd-agent-"));
      try {
        await cp(path.resolve("agents"), newer, { recursive: true });
        await appendFile(path.join(newer, "lib", "verbs.sh"), "# a newer agent\n");
        process.env.BDAG_AGENT_DIR = newer;
        await applyAndConfirm("t3", [B]);
      } finally {
        delete process.env.BDAG_AGENT_DIR;
        await rm(newer, { recursive: true, force: true });
      }
      expect(await readFile(bootAgent, "utf8")).toBe(
        await readFile(path.join(l.etc, "rules.t3", "branchdesk-agent.sh"), "utf8"),
      );
      expect(await readFile(bootAgent, "utf8")).toContain("# a newer agent");
      expect((await readFile(path.join(l.etc, "branchdesk-agent.sha"), "utf8")).trim()).toBe(
        (await readFile(path.join(l.etc, "rules.t3", "branchdesk-agent.sha"), "utf8")).trim(),
      );
      expect((await readFile(path.join(l.etc, "branchdesk-agent.sha"), "utf8")).trim()).not.toBe(digest);
    },
  );

  it(
    "rollback T undoes at once and is idempotent; " + "a second apply meanwhile is refused naming the pending token",
    async () => {
      const l = await lab(shell);
      const before = await snapshot(l);
      await l.agent({ verb: "apply", token: "t1", confirmTimeoutSeconds: 60, payload: hostPayload([A]) });
      const second = await l.agent({ verb: "apply", token: "t2", payload: hostPayload([B]) });
      expect(second.result).toMatchObject({ ok: false, stage: "pending" });
      expect(second.result.ok ? "" : second.result.error).toMatch(
        /apply t1 is waiting for confirmation \(\d+ s left\)/,
      );
      const rb = await l.agent({ verb: "rollback", token: "t1" });
      expect(rb.result).toMatchObject({
        ok: true,
        rolledBack: true,
        counts: { iptablesRules: 0, ebtablesRules: 0, jumps: 0 },
      });
      expect(await snapshot(l)).toEqual(before);
      expect(await etcEntries(l)).toEqual([]);
      await waitFor("the timer to exit", async () => (await nsPids(l)).length === 0, 10);
      expect((await l.agent({ verb: "rollback", token: "t1" })).result).toMatchObject({
        ok: true,
        rolledBack: true,
        already: true,
      });
      expect((await l.agent({ verb: "rollback", token: "nope" })).result).toMatchObject({
        ok: false,
        stage: "rollback",
      });
    },
  );

  it("a timer killed with -9: the next agent run finds the change overdue and rolls it back", async () => {
    const l = await lab(shell);
    const before = await snapshot(l);
    await l.agent({ verb: "apply", token: "t1", confirmTimeoutSeconds: 1, payload: hostPayload([A]) });
    const pid = (await readFile(path.join(l.run, "pending", "timer.pid"), "utf8")).trim();
    await run(["kill", "-9", pid], { allowFailure: true });
    // Past the deadline plus the agent's 5 s grace for a live timer.
    await waitFor(
      "the overdue rollback",
      async () => (await noPending(l)) && (await l.iptablesSave()) === before.ipt,
      30,
    );
    expect(await snapshot(l)).toEqual(before);
    const s = await l.agent({ verb: "status" });
    expect(s.result).toMatchObject({
      recent: [{ token: "t1", outcome: "rolled-back deadline passed while the timer was not running" }],
    });
  });
});
