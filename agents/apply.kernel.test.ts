/**
 * The agent's apply in a real kernel (iptables-nft, ebtables-nft), driven
 * through the SSH bundle under dash and busybox: atomic, idempotent, never
 * touching a rule it does not own, validating before it changes anything.
 */
import { describe, expect, it } from "vitest";
import { FOREIGN_EBTABLES, FOREIGN_IPTABLES, foreignLines } from "@/lib/domain/rules/testdata/foreign";
import { useAgentLabs, gatewayPayload, hostPayload, SHELLS } from "./testing/agent-lab";
import type { AgentPayload } from "@/lib/rollout/ssh/agent-bundle";

const GUEST = { ip: "198.51.100.10", mac: "52:54:00:01:02:0a" };
const OWNED = ["BRANCHDESK-PRE", "BRANCHDESK-POST", "BRANCHDESK-ARP"];
const { lab } = useAgentLabs();

const count = (dump: string, line: string) => dump.split("\n").filter((l) => l === line).length;

function withIptables(p: AgentPayload, text: string): AgentPayload {
  return { ...p, rendered: { ...p.rendered, "branchdesk.iptables": text } };
}

describe.each(SHELLS)("agent apply under %s", (shell) => {
  it(
    "from empty: owned chains, exactly one jump each, " +
      "the sysctl set; again: changed false, iptables-save byte-identical",
    async () => {
      const l = await lab(shell);
      const payload = hostPayload([GUEST]);
      const first = await l.agent({ verb: "apply", token: "t1", payload });
      expect(first.result).toMatchObject({
        ok: true,
        verb: "apply",
        changed: true,
        armed: true,
        counts: { iptablesRules: 1, ebtablesRules: 1, jumps: 2 },
        matchesPayload: true,
        persisted: "pending",
      });
      const ipt = await l.iptablesSave();
      expect(count(ipt, "-A PREROUTING -j BRANCHDESK-PRE")).toBe(1);
      expect(ipt).toContain("-A BRANCHDESK-PRE -d 198.51.100.10/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT");
      const eb = await l.ebtablesSave();
      expect(count(eb, "-A PREROUTING -j BRANCHDESK-ARP")).toBe(1);
      expect(eb).toContain(":BRANCHDESK-ARP RETURN");
      expect(await l.sysctl("net.bridge.bridge-nf-call-iptables")).toBe("1");
      expect((await l.agent({ verb: "confirm", token: "t1" })).result).toMatchObject({ ok: true, confirmed: true });

      const read = await l.agent({ verb: "read" });
      expect(read.result).toMatchObject({
        ok: true,
        verb: "read",
        ebtablesFormat: "save",
        sysctl: { "net.bridge.bridge-nf-call-iptables": "1" },
        pending: null,
      });
      if (read.result.verb !== "read" || !read.result.ok) throw new Error("not a read result");
      expect(read.result.iptablesNat).toContain("-A PREROUTING -j BRANCHDESK-PRE");
      expect(read.result.digest).toBe(first.result.ok && first.result.verb === "apply" ? first.result.digestAfter : "");

      const again = await l.agent({ verb: "apply", token: "t2", payload });
      expect(again.result).toMatchObject({
        ok: true,
        changed: false,
        armed: false,
        rollbackArmedSeconds: 0,
        persisted: "unchanged",
      });
      expect(await l.iptablesSave()).toBe(ipt);
      expect(await l.ebtablesSave()).toBe(eb);
    },
  );

  it("heals a duplicated jump and an old rule; foreign libvirt/docker rules stay byte-identical", async () => {
    const l = await lab(shell);
    await l.ns.run(["iptables-restore", "--noflush"], FOREIGN_IPTABLES);
    await l.ns.run(["ebtables-restore", "--noflush"], FOREIGN_EBTABLES);
    // What re-running an old `-A` script leaves behind: the jump twice, a stale rule.
    await l.ns.run(
      ["iptables-restore", "--noflush"],
      "*nat\n:BRANCHDESK-PRE - [0:0]\n" +
        "-A BRANCHDESK-PRE -d 198.51.100.99/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT\n" +
        "-A PREROUTING -j BRANCHDESK-PRE\n-A PREROUTING -j BRANCHDESK-PRE\nCOMMIT\n",
    );
    await l.ns.run(
      ["ebtables-restore", "--noflush"],
      "*nat\n:BRANCHDESK-ARP RETURN\n-A PREROUTING -j BRANCHDESK-ARP\n-A PREROUTING -j BRANCHDESK-ARP\n",
    );
    const before = { ipt: await l.iptablesSave(), eb: await l.ebtablesSave() };

    const r = await l.agent({ verb: "apply", token: "t1", payload: hostPayload([GUEST]) });
    expect(r.result).toMatchObject({
      ok: true,
      changed: true,
      counts: { iptablesRules: 1, ebtablesRules: 1, jumps: 2 },
    });
    const ipt = await l.iptablesSave();
    const eb = await l.ebtablesSave();
    expect(count(ipt, "-A PREROUTING -j BRANCHDESK-PRE")).toBe(1);
    expect(count(eb, "-A PREROUTING -j BRANCHDESK-ARP")).toBe(1);
    expect(ipt).not.toContain("198.51.100.99");
    // At the top of PREROUTING, above the foreign DOCKER jump and DNAT.
    expect(ipt.split("\n").find((x) => x.startsWith("-A PREROUTING"))).toBe("-A PREROUTING -j BRANCHDESK-PRE");
    expect(foreignLines(ipt, OWNED)).toEqual(foreignLines(before.ipt, OWNED));
    expect(foreignLines(eb, OWNED)).toEqual(foreignLines(before.eb, OWNED));
  });

  it("an admin's jump with a match stays; the plain jump goes on top once; again: changed false", async () => {
    const l = await lab(shell);
    const admin = "-A PREROUTING -i virbr0 -j BRANCHDESK-PRE";
    // The admin's matched jump first, and a stale plain jump below a foreign one.
    await l.ns.run(
      ["iptables-restore", "--noflush"],
      `*nat\n:BRANCHDESK-PRE - [0:0]\n:LIBVIRT_PRE - [0:0]\n${admin}\n-A PREROUTING -j LIBVIRT_PRE\n` +
        "-A PREROUTING -j BRANCHDESK-PRE\nCOMMIT\n",
    );
    const payload = hostPayload([GUEST]);
    const first = await l.agent({ verb: "apply", token: "t1", payload });
    expect(first.result).toMatchObject({ ok: true, changed: true, counts: { jumps: 2 } });
    const ipt = await l.iptablesSave();
    const pre = ipt.split("\n").filter((x) => x.startsWith("-A PREROUTING"));
    expect(pre).toEqual(["-A PREROUTING -j BRANCHDESK-PRE", admin, "-A PREROUTING -j LIBVIRT_PRE"]);
    expect((await l.agent({ verb: "confirm", token: "t1" })).result).toMatchObject({ ok: true, confirmed: true });

    const again = await l.agent({ verb: "apply", token: "t2", payload });
    expect(again.result).toMatchObject({ ok: true, changed: false, armed: false });
    expect(await l.iptablesSave()).toBe(ipt);
  });

  it("a gateway payload: SNAT chain in POSTROUTING, ip_forward=1, the bridge nat table never created", async () => {
    const l = await lab(shell);
    const r = await l.agent({ verb: "apply", token: "g1", payload: gatewayPayload([{ ip: "198.51.100.10" }]) });
    expect(r.result).toMatchObject({
      ok: true,
      changed: true,
      counts: { iptablesRules: 2, ebtablesRules: 0, jumps: 1 },
    });
    expect(count(await l.iptablesSave(), "-A POSTROUTING -j BRANCHDESK-POST")).toBe(1);
    expect(await l.sysctl("net.ipv4.ip_forward")).toBe("1");
    expect((await l.ns.run(["nft", "list", "tables"])).trim()).toBe("table ip nat");
  });

  it.each([
    [
      "a broken iptables line",
      "-A BRANCHDESK-PRE -d 198.51.100.10/32 -p tcp --dport 22 --no-such-option -j REDIRECT",
      "validate",
      /iptables-restore --test rejected the rules.*no-such-option/s,
    ],
    [
      "a rule in a built-in chain",
      "-A PREROUTING -j ACCEPT",
      "validate",
      /line 5: writes to a chain Branchdesk does not own.*: -A PREROUTING -j ACCEPT/,
    ],
    ["a foreign chain", ":DOCKER - [0:0]", "validate", /declares a chain Branchdesk does not own/],
  ])("%s: ok false, stage validate, nothing changed anywhere", async (_what, line, stage, message) => {
    const l = await lab(shell);
    await l.ns.run(["iptables-restore", "--noflush"], FOREIGN_IPTABLES);
    const before = {
      ipt: await l.iptablesSave(),
      eb: await l.ebtablesSave(),
      sysctl: await l.sysctl("net.bridge.bridge-nf-call-iptables"),
    };
    const good = hostPayload([GUEST]);
    const text = good.rendered["branchdesk.iptables"].replace("COMMIT", `${line}\nCOMMIT`);
    const r = await l.agent({ verb: "apply", token: "bad", payload: withIptables(good, text) });
    expect(r.code).not.toBe(0);
    expect(r.result).toMatchObject({ ok: false, verb: "apply", stage });
    expect(r.result.ok ? "" : r.result.error).toMatch(message);
    expect(await l.iptablesSave()).toBe(before.ipt);
    expect(await l.ebtablesSave()).toBe(before.eb);
    expect(await l.sysctl("net.bridge.bridge-nf-call-iptables")).toBe(before.sysctl);
    expect((await l.agent({ verb: "status" })).result).toMatchObject({
      pending: [],
      persisted: { active: null, pending: null },
    });
  });

  it("a broken ebtables rule is caught by the syntax check: stage validate, nothing changed", async () => {
    const l = await lab(shell);
    const good = hostPayload([GUEST]);
    const eb = good.rendered["branchdesk.ebtables"].replace(
      "--arp-ip-dst 198.51.100.10",
      "--arp-ip-dst 198.51.100.300",
    );
    const r = await l.agent({
      verb: "apply",
      token: "bad",
      payload: { ...good, rendered: { ...good.rendered, "branchdesk.ebtables": eb } },
    });
    expect(r.result).toMatchObject({ ok: false, stage: "validate" });
    expect(r.result.ok ? "" : r.result.error).toMatch(/ebtables rejected the rule/);
    expect(await l.iptablesSave()).not.toContain("BRANCHDESK");
  });

  it("payload text is data: a $(...) in a heredoc line is never run", async () => {
    const l = await lab(shell);
    const marker = `${l.dir}/pwned`;
    const good = hostPayload([GUEST]);
    const text = `# $(touch ${marker}) \`touch ${marker}\`\n${good.rendered["branchdesk.iptables"]}`;
    const r = await l.agent({ verb: "apply", token: "t1", payload: withIptables(good, text) });
    expect(r.result).toMatchObject({ ok: true, changed: true });
    expect((await l.exec(["test", "-e", marker])).code).not.toBe(0);
  });

  it("a held lock: ok false, stage lock, naming the lock file", async () => {
    const l = await lab(shell);
    await l.exec(["mkdir", "-p", l.run]);
    // Hold the lock the way the agent would take it (flock, or the mkdir fallback).
    const holder =
      shell === "busybox"
        ? l.exec([
            "sh",
            "-c",
            `mkdir ${l.run}/agent.lock.d && echo $$ > ${l.run}/agent.lock.d/pid && ` +
              `sleep 4; rm -rf ${l.run}/agent.lock.d`,
          ])
        : l.exec(["flock", `${l.run}/agent.lock`, "sleep", "4"]);
    await new Promise((r) => setTimeout(r, 1000));
    const r = await l.agent({ verb: "apply", token: "t1", payload: hostPayload([GUEST]) });
    await holder;
    expect(r.result).toMatchObject({ ok: false, stage: "lock" });
    expect(r.result.ok ? "" : r.result.error).toContain(`${l.run}/agent.lock`);
    expect(await l.iptablesSave()).not.toContain("BRANCHDESK");
  });
});
