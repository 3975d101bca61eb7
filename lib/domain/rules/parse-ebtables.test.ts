import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { parseEbtables } from "./parse-ebtables";

const fixture = (name: string) => readFileSync(new URL(`./testdata/fixtures/${name}`, import.meta.url), "utf8");

const WANT_KEYS = [
  "-A PREROUTING -j BRANCHDESK-ARP",
  "-A PREROUTING -p IPv4 -i vnet0 -j ACCEPT",
  "-A BRANCHDESK-ARP -p ARP --arp-op Request --arp-ip-dst 203.0.113.10 -j arpreply --arpreply-mac 52:54:00:01:02:0a",
  "-A BRANCHDESK-ARP -p ARP ! -s 52:54:00:01:02:0b --arp-op Request --arp-ip-dst 203.0.113.11 " +
    "-j arpreply --arpreply-mac 52:54:00:01:02:0b --arpreply-target ACCEPT",
];

describe("parseEbtables: four dump shapes, one meaning", () => {
  it.each([
    "centos7-legacy-ebtables-list.txt",
    "centos7-legacy-ebtables-list-counters.txt",
    "centos7-legacy-ebtables-save.txt",
    "debian12-nft-ebtables-save.txt",
  ])("%s parses to the same normalised rules (MACs zero-padded, counters and numbers dropped)", (name) => {
    const t = unwrap(parseEbtables(fixture(name)));
    expect(t.rules.map((r) => r.key)).toEqual(WANT_KEYS);
    expect(t.chains).toContainEqual({ name: "BRANCHDESK-ARP", policy: "RETURN" });
    expect(t.rules.map((r) => r.rule)).toEqual([
      null,
      null,
      { kind: "arpreply", ip: "203.0.113.10", mac: "52:54:00:01:02:0a" },
      null, // an extra match (-s !) and a non-default target make it not Branchdesk's shape
    ]);
  });

  it("ignores the filter table and reads it when asked", () => {
    const t = unwrap(parseEbtables(fixture("centos7-legacy-ebtables-save.txt"), "filter"));
    expect(t.chains.map((c) => c.name)).toEqual(["INPUT", "FORWARD", "OUTPUT"]);
    expect(t.rules).toEqual([]);
  });

  it.each([
    ["-A BRANCHDESK-ARP -p arp --arp-op 1 --arp-ip-dst 203.0.113.10/32 -j arpreply --arpreply-mac 52:54:00:01:02:0A"],
    [
      "-A BRANCHDESK-ARP -p 0x806 --arp-ip-dst 203.0.113.10/255.255.255.255 --arp-op request " +
        "-j arpreply --arpreply-mac 52:54:0:1:2:a --arpreply-target DROP",
    ],
    [
      "-A BRANCHDESK-ARP --protocol ARP --arp-op Request --arp-ip-dst 203.0.113.10 " +
        "--jump arpreply --arpreply-mac 52:54:00:01:02:0a",
    ],
  ])("normalises the spelling %s to the rendered line", (line) => {
    const t = unwrap(parseEbtables(`*nat\n${line}\n`));
    expect(t.rules[0]!.key).toBe(WANT_KEYS[2]);
    expect(t.rules[0]!.rule).toEqual({ kind: "arpreply", ip: "203.0.113.10", mac: "52:54:00:01:02:0a" });
  });

  it.each([
    ["Bridge table: nat\n-j ACCEPT\n", /^line 2: rule before any "Bridge chain:" header/],
    ["*nat\nebtables -A X -j ACCEPT\n", /^line 2: not a chain declaration or -A rule/],
    ['*nat\n-A X --comment "open\n', /^line 2: unterminated/],
  ])("refuses a broken dump with the line named: %j", (text, problem) => {
    const r = parseEbtables(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(problem);
  });
});
