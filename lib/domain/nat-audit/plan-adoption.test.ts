import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { parseAdoptLine, withoutCounters } from "./adopt-line";
import { classifyNatTable } from "./classify-nat-table";
import type { NatExpectation } from "./nat-audit-types";
import { parseNatTable } from "./parse-nat-table";
import { planAdoption } from "./plan-adoption";
import { GATEWAY_EXPECTATION, HOST_EXPECTATION } from "./testdata/scenarios";

const dir = path.join(__dirname, "testdata");
const load = (file: string, expectation: NatExpectation) => {
  const text = readFileSync(path.join(dir, file), "utf8");
  const findings = classifyNatTable(unwrap(parseNatTable(text)), expectation);
  return { text, findings, plan: planAdoption(findings) };
};
const DIALECTS = ["nft", "legacy", "centos7"] as const;

describe("planAdoption: hand-made equivalents and their duplicates go, everything else stays", () => {
  for (const d of DIALECTS) {
    it(`gateway-handmade.${d}: both copies of .10, .11 (commented), the pool SNAT; stale and foreign stay`, () => {
      const { text, plan } = load(`gateway-handmade.${d}.txt`, GATEWAY_EXPECTATION);
      expect(plan.problems).toEqual([]);
      expect(plan.remove.map((r) => [r.chain, r.index, r.class])).toEqual([
        ["POSTROUTING", 1, "hand-made-equivalent"],
        ["POSTROUTING", 2, "duplicate"],
        ["POSTROUTING", 3, "hand-made-equivalent"],
        ["POSTROUTING", 6, "hand-made-equivalent"],
      ]);
      // Each line exactly as the box printed it, counters aside: what the agent's -D must name.
      const printed = text.split("\n").map((l) => withoutCounters(l.trim()));
      for (const r of plan.remove) expect(printed).toContain(r.line);
      expect(plan.remove.some((r) => /docker0|wan0|203\.0\.113\.(20|30)\//.test(r.line))).toBe(false);
      expect(plan.add).toContainEqual({ chain: "POSTROUTING", line: "-A POSTROUTING -j BRANCHDESK-POST" });
      expect(plan.add.filter((a) => a.chain === "BRANCHDESK-POST")).toHaveLength(4);
      expect(plan.keep).toBe(9);
    });
  }

  it("host-handmade: the hand-made REDIRECT goes; the jump to add is structured, not read from the reason", () => {
    const { findings, plan } = load("host-handmade.nft.txt", HOST_EXPECTATION);
    expect(plan.remove.length).toBeGreaterThan(0);
    expect(plan.remove.every((r) => r.chain === "PREROUTING" && r.line.includes("REDIRECT"))).toBe(true);
    const missingJumps = findings.filter((f) => f.class === "missing" && !f.expected);
    expect(missingJumps.map((f) => f.jump)).toEqual([
      { tool: "iptables", table: "nat", from: "PREROUTING", chain: "BRANCHDESK-PRE" },
    ]);
    expect(findings.filter((f) => f.jump !== null)).toEqual(missingJumps);
  });

  it("a box running Branchdesk's chains: only the hand-made copy left behind them goes, nothing is added", () => {
    const { plan } = load("gateway-adopted.nft.txt", GATEWAY_EXPECTATION);
    expect(plan.remove.map((r) => [r.chain, r.index, r.class])).toEqual([["POSTROUTING", 4, "hand-made-equivalent"]]);
    expect(plan.add.filter((a) => a.chain === "POSTROUTING")).toEqual([]);
  });
});

describe("parseAdoptLine: one -A line of a built-in nat chain, never Branchdesk's own jump", () => {
  it.each([
    ["-A POSTROUTING -s 169.254.0.0/16 ! -o eth0 -j SNAT --to-source 203.0.113.1", true],
    ['-A POSTROUTING -d 203.0.113.11/32 -m comment --comment "desk 11" -j SNAT --to-source 169.254.1.1', true],
    ["-A BRANCHDESK-POST -s 169.254.0.0/16 -j ACCEPT", false],
    ["-A DOCKER -i docker0 -j RETURN", false],
    ["-A POSTROUTING -j BRANCHDESK-POST", false],
    ["-D POSTROUTING -j MASQUERADE", false],
    ["-A POSTROUTING -j MASQUERADE\n-F POSTROUTING", false],
    [" -A POSTROUTING -j MASQUERADE", false],
    ["-A POSTROUTING", false],
  ])("%j -> %s", (line, valid) => {
    expect(parseAdoptLine(line).ok).toBe(valid);
  });
});
