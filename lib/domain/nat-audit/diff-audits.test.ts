import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { diffAudits } from "./diff-audits";
import { parseNatTable } from "./parse-nat-table";

const read = (f: string) => readFileSync(path.join(__dirname, "testdata", f), "utf8");
const table = (body: string) => unwrap(parseNatTable(`*nat\n:POSTROUTING ACCEPT [0:0]\n:X - [0:0]\n${body}\nCOMMIT\n`));

describe("diffAudits: rules identified by chain + canon + occurrence", () => {
  it("the same box read by two dialects, or re-printed, is no drift; counters give deltas", () => {
    const older = unwrap(parseNatTable(read("gateway-handmade.centos7.txt")));
    const newer = unwrap(parseNatTable(read("gateway-handmade.nft.txt")));
    const d = diffAudits(older, newer);
    expect(d.drift).toBe(false);
    expect(d.counters).toHaveLength(newer.rules.length);
  });

  it("added, removed, duplicates by occurrence, and a counter reset gives no negative delta", () => {
    const older = table(
      [
        "[10:600] -A POSTROUTING -o wan0 -j MASQUERADE",
        "[5:300] -A POSTROUTING -d 203.0.113.10/32 -o eth0 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1",
        "[0:0] -A POSTROUTING -d 203.0.113.10/32 -o eth0 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1",
      ].join("\n"),
    );
    const newer = table(
      [
        "[12:720] -A POSTROUTING -o wan0 -j MASQUERADE",
        "[1:60] -A POSTROUTING -o eth0 -d 203.0.113.10 -p tcp --dport 22 -j SNAT --to 169.254.1.1",
        "[0:0] -A POSTROUTING -s 10.9.0.0/16 -j RETURN",
      ].join("\n"),
    );
    const d = diffAudits(older, newer);
    expect(d.removed.map((r) => r.line)).toEqual([6]); // the second copy
    expect(d.added.map((r) => r.text)).toEqual(["[0:0] -A POSTROUTING -s 10.9.0.0/16 -j RETURN"]);
    expect(d.changed.map((c) => [c.newer.line, c.what])).toEqual([[5, ["text"]]]);
    expect(d.counters.map((c) => [c.packets, c.bytes])).toEqual([
      [2, 120],
      [null, null],
    ]);
    expect(d.drift).toBe(true);
  });

  it("a rule moved among the rules both audits share is changed (position); an insertion above is not", () => {
    const a = "-A POSTROUTING -o wan0 -j MASQUERADE";
    const b = "-A POSTROUTING -s 10.9.0.0/16 -j RETURN";
    const inserted = "-A POSTROUTING -o eth9 -j ACCEPT";
    expect(diffAudits(table(`${a}\n${b}`), table(`${inserted}\n${a}\n${b}`)).changed).toEqual([]);
    const moved = diffAudits(table(`${a}\n${b}`), table(`${b}\n${a}`));
    expect(moved.changed.map((c) => c.what)).toEqual([["position"], ["position"]]);
  });

  it("a changed policy is drift", () => {
    const d = diffAudits(table(""), unwrap(parseNatTable("*nat\n:POSTROUTING DROP [0:0]\n:X - [0:0]\nCOMMIT\n")));
    expect(d.policies).toEqual([{ chain: "POSTROUTING", older: "ACCEPT", newer: "DROP" }]);
    expect(d.drift).toBe(true);
  });
});
