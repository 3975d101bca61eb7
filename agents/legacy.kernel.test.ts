/**
 * CentOS 7 style boxes (agents/testing/legacy-tools.ts): iptables-legacy and
 * legacy ebtables 2.0.x, whose restore has no usable --noflush.
 */
import { describe, expect, it } from "vitest";
import { FOREIGN_EBTABLES, FOREIGN_IPTABLES, foreignLines } from "@/lib/domain/rules/testdata/foreign";
import { createAgentLab, useAgentLabs, hostPayload, SHELLS, stripComments, type Shell } from "./testing/agent-lab";
import { legacyTools } from "./testing/legacy-tools";

const A = { ip: "198.51.100.10", mac: "52:54:00:01:02:0a" };
const OWNED = ["BRANCHDESK-PRE", "BRANCHDESK-ARP"];
const { track } = useAgentLabs();

async function legacyLab(shell: Shell) {
  const l = track(await createAgentLab(shell));
  const env = await legacyTools(l);
  const save = async () => stripComments(await l.ns.run(["iptables-legacy-save", "-t", "nat"]));
  return { l, env, save };
}

describe.each([...SHELLS, "bash" as const])("legacy backends under %s", (shell) => {
  it(
    "iptables-legacy + ebtables commands: applied, " + "one jump each, idempotent, foreign rules kept, rolled back",
    async () => {
      const { l, env, save } = await legacyLab(shell);
      await l.ns.run(["iptables-legacy-restore", "--noflush"], FOREIGN_IPTABLES);
      await l.ns.run(["ebtables-restore", "--noflush"], FOREIGN_EBTABLES);
      await l.ns.run(
        ["iptables-legacy-restore", "--noflush"],
        "*nat\n:BRANCHDESK-PRE - [0:0]\n-A PREROUTING -j BRANCHDESK-PRE\n-A PREROUTING -j BRANCHDESK-PRE\nCOMMIT\n",
      );
      const before = { ipt: await save(), eb: await l.ebtablesSave() };

      const r = await l.agent(
        { verb: "apply", token: "t1", confirmTimeoutSeconds: 60, payload: hostPayload([A]) },
        env,
      );
      expect(r.result).toMatchObject({
        ok: true,
        changed: true,
        matchesPayload: true,
        counts: { iptablesRules: 1, ebtablesRules: 1, jumps: 2 },
      });
      const ipt = await save();
      expect(ipt.split("\n").filter((x) => x === "-A PREROUTING -j BRANCHDESK-PRE")).toHaveLength(1);
      expect(ipt).toContain("-A BRANCHDESK-PRE -d 198.51.100.10/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT");
      expect(await l.iptablesSave()).not.toContain("BRANCHDESK"); // nothing leaked into the nft backend
      const eb = await l.ebtablesSave();
      expect(eb).toContain(":BRANCHDESK-ARP RETURN");
      expect(eb.split("\n").filter((x) => x === "-A PREROUTING -j BRANCHDESK-ARP")).toHaveLength(1);
      expect(foreignLines(ipt, OWNED)).toEqual(foreignLines(before.ipt, OWNED));
      expect(foreignLines(eb, OWNED)).toEqual(foreignLines(before.eb, OWNED));

      const read = await l.agent({ verb: "read" }, env);
      expect(read.result).toMatchObject({
        ok: true,
        ebtablesFormat: "list",
        tools: { iptables: expect.stringContaining("legacy"), ebtables: "ebtables v2.0.10-4 (December 2011)" },
      });
      if (!read.result.ok || read.result.verb !== "read") throw new Error("not a read");
      expect(read.result.ebtablesNat).toContain("Bridge chain: BRANCHDESK-ARP");

      expect((await l.agent({ verb: "rollback", token: "t1" }, env)).result).toMatchObject({
        ok: true,
        rolledBack: true,
      });
      // Back to the snapshot: the empty chain returns, its duplicated jump only once.
      const back = await save();
      expect(foreignLines(back, OWNED)).toEqual(foreignLines(before.ipt, OWNED));
      expect(back.split("\n").filter((x) => x.includes("BRANCHDESK"))).toEqual([
        ":BRANCHDESK-PRE - [0:0]",
        "-A PREROUTING -j BRANCHDESK-PRE",
      ]);
      expect(await l.ebtablesSave()).toBe(before.eb);

      await l.agent({ verb: "apply", token: "t2", payload: hostPayload([A]) }, env);
      await l.agent({ verb: "confirm", token: "t2" }, env);
      const applied = { ipt: await save(), eb: await l.ebtablesSave() };
      expect((await l.agent({ verb: "apply", token: "t3", payload: hostPayload([A]) }, env)).result).toMatchObject({
        ok: true,
        changed: false,
      });
      // Rules byte-identical; a chain's packet counters may move (a packet the namespace sent meanwhile).
      expect({ ipt: counterless(await save()), eb: await l.ebtablesSave() }).toEqual({
        ...applied,
        ipt: counterless(applied.ipt),
      });
    },
  );
});

/** `:CHAIN POLICY [packets:bytes]` with the counters zeroed: what a no-change apply must leave alone is the rules. */
const counterless = (save: string) => save.replace(/^(:\S+ \S+) \[\d+:\d+\]$/gm, "$1 [0:0]");
