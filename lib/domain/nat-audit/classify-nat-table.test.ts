/**
 * Golden classifications of fixtures made with the real tools (testdata/make-fixtures.sh:
 * iptables-nft, iptables-legacy, ebtables-nft) and in CentOS 7's printed forms, one golden
 * file per fixture (testdata/golden/). Every class appears in at least one of them; the
 * goldens were reviewed line by line. UPDATE_GOLDEN=1 rewrites them: review `git diff`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleId } from "../rules/rule";
import { unwrap } from "../result";
import { classifyNatTable } from "./classify-nat-table";
import type { FindingClass, NatExpectation, RuleFinding } from "./nat-audit-types";
import { parseEbtablesNat } from "./parse-ebtables-nat";
import { parseNatTable } from "./parse-nat-table";
import { GATEWAY_EXPECTATION, HOST_EXPECTATION } from "./testdata/scenarios";

const dir = path.join(__dirname, "testdata");

export function findingLine(f: RuleFinding): string {
  const ref = (r: { chain: string; index: number } | null) => (r ? `${r.chain}#${r.index}` : null);
  const words = [f.rule ? ref(f.rule)! : "-", f.class, `owner=${f.owner}`];
  if (f.duplicateOf) words.push(`dup=${ref(f.duplicateOf)}`);
  if (f.shadowedBy) words.push(`shadowed-by=${ref(f.shadowedBy)}`);
  if (f.expected) words.push(`of=[${ruleId(f.expected)}]`);
  return `${words.join(" ")} | ${f.reason}`;
}

const CASES: [file: string, kind: "ip" | "bridge", expectation: NatExpectation, dialect: string][] = [
  ["gateway-handmade.nft.txt", "ip", GATEWAY_EXPECTATION, "iptables-nft"],
  ["gateway-handmade.legacy.txt", "ip", GATEWAY_EXPECTATION, "iptables-legacy"],
  ["gateway-handmade.centos7.txt", "ip", GATEWAY_EXPECTATION, "iptables-1.4"],
  ["gateway-adopted.nft.txt", "ip", GATEWAY_EXPECTATION, "iptables-nft"],
  ["gateway-adopted.legacy.txt", "ip", GATEWAY_EXPECTATION, "iptables-legacy"],
  ["host-handmade.nft.txt", "ip", HOST_EXPECTATION, "iptables-nft"],
  ["host-handmade.legacy.txt", "ip", HOST_EXPECTATION, "iptables-legacy"],
  ["host-handmade.centos7.txt", "ip", HOST_EXPECTATION, "iptables-1.4"],
  ["host-ebtables.nft.txt", "bridge", HOST_EXPECTATION, "ebtables-nft"],
  ["host-ebtables.centos7-list.txt", "bridge", HOST_EXPECTATION, "ebtables-legacy"],
];

function classify(file: string, kind: "ip" | "bridge", expectation: NatExpectation) {
  const text = readFileSync(path.join(dir, file), "utf8");
  const table = unwrap(kind === "ip" ? parseNatTable(text) : parseEbtablesNat(text));
  return { table, findings: classifyNatTable(table, expectation) };
}

describe("classifyNatTable on real-tool fixtures matches the reviewed goldens", () => {
  for (const [file, kind, expectation, dialect] of CASES) {
    it(`${file}: every rule explained (${dialect})`, () => {
      const { table, findings } = classify(file, kind, expectation);
      expect(table.dialect).toBe(dialect);
      const got = findings.map(findingLine).join("\n") + "\n";
      const golden = path.join(dir, "golden", file.replace(/\.txt$/, ".findings.txt"));
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, got);
      expect(got).toBe(readFileSync(golden, "utf8"));
      // One finding per rule read, in dump order, then the missing ones.
      expect(findings.filter((f) => f.rule).map((f) => f.rule!.line)).toEqual(table.rules.map((r) => r.line));
    });
  }

  it("the fixtures together show every class, and foreign rules of every owner", () => {
    const all = CASES.flatMap(([file, kind, e]) => classify(file, kind, e).findings);
    const classes: FindingClass[] = ["in-place", "missing", "stale", "duplicate", "shadowed", "hand-made-equivalent"];
    for (const c of [...classes, "foreign" as const])
      expect(
        all.some((f) => f.class === c),
        c,
      ).toBe(true);
    for (const o of ["docker", "libvirt", "admin"] as const) {
      expect(
        all.some((f) => f.class === "foreign" && f.owner === o),
        o,
      ).toBe(true);
    }
  });

  it("each dialect of one box reads as the same findings (only the printed text differs)", () => {
    const strip = (file: string, kind: "ip" | "bridge", e: NatExpectation) =>
      classify(file, kind, e).findings.map((f) => findingLine(f).replace(/ \(line \d+\)/g, ""));
    const nft = strip("gateway-handmade.nft.txt", "ip", GATEWAY_EXPECTATION);
    expect(strip("gateway-handmade.legacy.txt", "ip", GATEWAY_EXPECTATION)).toEqual(nft);
    expect(strip("gateway-handmade.centos7.txt", "ip", GATEWAY_EXPECTATION)).toEqual(nft);
    expect(strip("host-ebtables.centos7-list.txt", "bridge", HOST_EXPECTATION)).toEqual(
      strip("host-ebtables.nft.txt", "bridge", HOST_EXPECTATION),
    );
  });
});
