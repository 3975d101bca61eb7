/**
 * A target that drifted: a removed guest's rule still in the owned chain, the
 * same rule appended three times by an old `-A` script, the jump duplicated,
 * a hand-written spelling of a wanted rule, a chain policy changed, settings
 * off. The diff names each problem; one apply fixes them all and leaves
 * foreign rules byte-identical.
 */
import { afterAll, describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { applyRendered, readRunning, type Backend } from "@/lib/testing/apply-rule-set";
import { addBridge, createNetns, deleteNetns, type Netns } from "@/lib/testing/netns";
import { diffRuleSet } from "./diff-rule-set";
import { parseEbtables } from "./parse-ebtables";
import { parseIptablesSave } from "./parse-iptables-save";
import { parseSysctl } from "./parse-sysctl";
import { renderRuleSet } from "./render-rule-set";
import { BRANCHES } from "./testdata/branches";
import { FOREIGN_EBTABLES, FOREIGN_IPTABLES, foreignLines } from "./testdata/foreign";

const branch = BRANCHES.find((b) => b.name === "host-odd-bridge")!;
const BACKENDS: readonly Backend[] = [
  { ipt: "iptables", eb: "restore" },
  { ipt: "iptables-legacy", eb: "commands" },
];
const opened: Netns[] = [];
afterAll(() => Promise.all(opened.map(deleteNetns)));

const DRIFT_IPTABLES = `*nat
:BRANCHDESK-PRE - [0:0]
-I PREROUTING 1 -j BRANCHDESK-PRE
-A PREROUTING -j BRANCHDESK-PRE
-A BRANCHDESK-PRE -i br-lan.10 -p tcp -d 198.51.100.9 --dport 22 -j REDIRECT
-A BRANCHDESK-PRE -d 198.51.100.77/32 -i br-lan.10 -p tcp -m tcp --dport 22 -j REDIRECT
-A BRANCHDESK-PRE -d 198.51.100.77/32 -i br-lan.10 -p tcp -m tcp --dport 22 -j REDIRECT
-A BRANCHDESK-PRE -d 198.51.100.77/32 -i br-lan.10 -p tcp -m tcp --dport 22 -j REDIRECT
COMMIT
`;
const DRIFT_EBTABLES = `*nat
:BRANCHDESK-ARP ACCEPT
-A PREROUTING -j BRANCHDESK-ARP
-A BRANCHDESK-ARP -p arp --arp-op 1 --arp-ip-dst 198.51.100.9/32 -j arpreply --arpreply-mac 52:54:0:a:b:c --arpreply-target DROP
`;

async function state(n: Netns, backend: Backend) {
  const t = await readRunning(n, backend.ipt);
  return {
    text: t,
    running: {
      iptables: unwrap(parseIptablesSave(t.iptables)),
      ebtables: unwrap(parseEbtables(t.ebtablesSave)),
      sysctl: parseSysctl(t.sysctl),
    },
  };
}

describe.each(BACKENDS)("a drifted host ($ipt, ebtables $eb)", (backend) => {
  it("diff names the stale rule, the duplicates, the doubled jump, the policy and the setting; one apply converges", async () => {
    const ns = await createNetns();
    opened.push(ns);
    await addBridge(ns, "br-lan.10");
    await ns.run([`${backend.ipt}-restore`, "--noflush"], FOREIGN_IPTABLES);
    await ns.run(["ebtables-restore", "--noflush"], FOREIGN_EBTABLES);
    const pristine = await state(ns, backend);
    await ns.run([`${backend.ipt}-restore`, "--noflush"], DRIFT_IPTABLES);
    await ns.run(["ebtables-restore", "--noflush"], DRIFT_EBTABLES);
    await ns.run(["sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0"]);

    const before = diffRuleSet(branch.ruleSet, (await state(ns, backend)).running);
    expect(before.changed).toBe(true);
    // Equivalent spellings are in place, not drift: `-d x` without /32, `-p arp`, `--arp-op 1`, unpadded MAC.
    expect(before.inPlace.map((r) => `${r.kind} ${"ip" in r ? r.ip : ""}`)).toEqual(["arpreply 198.51.100.9", "redirect 198.51.100.9"]);
    expect(before.toAdd.map((r) => `${r.kind} ${"ip" in r ? r.ip : ""}`)).toEqual(["arpreply 198.51.100.10", "redirect 198.51.100.10"]);
    expect(before.toRemove.map((r) => r.key)).toEqual(
      Array(3).fill("-A BRANCHDESK-PRE -d 198.51.100.77/32 -i br-lan.10 -p tcp -m tcp --dport 22 -j REDIRECT"),
    );
    expect(before.duplicates).toEqual([
      expect.objectContaining({ tool: "iptables", chain: "BRANCHDESK-PRE", count: 3, owned: true }),
    ]);
    expect(before.jumpProblems).toEqual([
      expect.objectContaining({ problem: "duplicated", count: 2 }),
      expect.objectContaining({ problem: "policy", chain: "BRANCHDESK-ARP", want: "RETURN", got: "ACCEPT" }),
    ]);
    expect(before.settingsWrong).toEqual([{ key: "net.bridge.bridge-nf-call-iptables", want: "1", got: "0" }]);

    await applyRendered(ns, renderRuleSet(branch.ruleSet), backend);
    const after = await state(ns, backend);
    const d = diffRuleSet(branch.ruleSet, after.running);
    expect(d).toMatchObject({ changed: false, toAdd: [], toRemove: [], duplicates: [], jumpProblems: [], settingsWrong: [] });
    const owned = ["BRANCHDESK-PRE", "BRANCHDESK-ARP"];
    expect(foreignLines(after.text.iptables, owned)).toEqual(foreignLines(pristine.text.iptables, owned));
    expect(foreignLines(after.text.ebtablesSave, owned)).toEqual(foreignLines(pristine.text.ebtablesSave, owned));
  });
});
