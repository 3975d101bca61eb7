/**
 * A target that drifted: a removed guest's rule still in the owned chain, the
 * same rule appended three times by an old `-A` script, the jump duplicated,
 * a hand-written spelling of a wanted rule, a chain policy changed, settings
 * off. The diff names each problem; one apply by the real agent fixes them
 * all and leaves foreign rules byte-identical.
 */
import { describe, expect, it } from "vitest";
import { useAgentLabs } from "@/agents/testing/agent-lab";
import { applyBranch, BACKENDS, readBox, ruleBox } from "@/agents/testing/rule-box";
import { diffRuleSet } from "./diff-rule-set";
import { BRANCHES } from "./testdata/branches";
import { foreignLines } from "./testdata/foreign";

const branch = BRANCHES.find((b) => b.name === "host-odd-bridge")!;
const { lab } = useAgentLabs();

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
const DRIFT_EBTABLES =
  `*nat
:BRANCHDESK-ARP ACCEPT
-A PREROUTING -j BRANCHDESK-ARP
-A BRANCHDESK-ARP -p arp --arp-op 1 --arp-ip-dst 198.51.100.9/32 ` +
  `-j arpreply --arpreply-mac 52:54:0:a:b:c --arpreply-target DROP
`;

describe.each(BACKENDS)("a drifted host ($label)", (backend) => {
  it(
    "diff names the stale rule, the duplicates, the doubled jump, the policy and the setting; " + "one apply converges",
    async () => {
      const box = await ruleBox(lab, branch, backend);
      const ns = box.l.ns;
      const pristine = await readBox(box);
      await ns.run([`${backend.ipt}-restore`, "--noflush"], DRIFT_IPTABLES);
      await ns.run(["ebtables-restore", "--noflush"], DRIFT_EBTABLES);
      await ns.run(["sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0"]);

      const before = diffRuleSet(branch.ruleSet, (await readBox(box)).state);
      expect(before.changed).toBe(true);
      // Equivalent spellings are in place, not drift: `-d x` without /32, `-p arp`, `--arp-op 1`, unpadded MAC.
      expect(before.inPlace.map((r) => `${r.kind} ${"ip" in r ? r.ip : ""}`)).toEqual([
        "arpreply 198.51.100.9",
        "redirect 198.51.100.9",
      ]);
      expect(before.toAdd.map((r) => `${r.kind} ${"ip" in r ? r.ip : ""}`)).toEqual([
        "arpreply 198.51.100.10",
        "redirect 198.51.100.10",
      ]);
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

      expect(await applyBranch(box, branch, "t1")).toMatchObject({ changed: true });
      const after = await readBox(box);
      const d = diffRuleSet(branch.ruleSet, after.state);
      expect(d).toMatchObject({
        changed: false,
        toAdd: [],
        toRemove: [],
        duplicates: [],
        jumpProblems: [],
        settingsWrong: [],
      });
      const owned = ["BRANCHDESK-PRE", "BRANCHDESK-ARP"];
      expect(foreignLines(after.text.iptables, owned)).toEqual(foreignLines(pristine.text.iptables, owned));
      expect(foreignLines(after.text.ebtablesSave, owned)).toEqual(foreignLines(pristine.text.ebtablesSave, owned));
    },
  );
});
