import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { parseIptablesSave } from "./parse-iptables-save";

const fixture = (name: string) => readFileSync(new URL(`./testdata/fixtures/${name}`, import.meta.url), "utf8");

describe("parseIptablesSave on real-world shapes", () => {
  it(
    "CentOS 7 iptables-legacy 1.4.21 with counters: " + "only the nat table, user chains, comments, recognised rules",
    () => {
      const t = unwrap(parseIptablesSave(fixture("centos7-legacy-iptables-save.txt")));
      expect(t.chains).toEqual([
        { name: "PREROUTING", policy: "ACCEPT" },
        { name: "INPUT", policy: "ACCEPT" },
        { name: "OUTPUT", policy: "ACCEPT" },
        { name: "POSTROUTING", policy: "ACCEPT" },
        { name: "BRANCHDESK-PRE", policy: "-" },
      ]);
      expect(t.rules).toHaveLength(11);
      expect(t.rules.some((r) => /CHECKSUM|state/.test(r.text))).toBe(false);
      const commented = t.rules.find((r) => r.text.includes("old ssh-redirect.sh"))!;
      expect(commented.key).toBe(
        `-A PREROUTING -d 203.0.113.11/32 -i virbr0 -p tcp ` +
          `-m comment --comment "old ssh-redirect.sh, do not touch" -m tcp --dport 22 -j REDIRECT`,
      );
      expect(commented.rule).toBeNull(); // a comment makes it not Branchdesk's shape
      expect(t.rules.find((r) => r.text.includes("203.0.113.12"))!.rule).toEqual({
        kind: "redirect",
        inIfname: "virbr0",
        ip: "203.0.113.12",
        port: 22,
      });
      const owned = t.rules.filter((r) => r.chain === "BRANCHDESK-PRE");
      expect(owned.map((r) => r.rule?.kind)).toEqual(["redirect", "redirect", "redirect"]);
      expect(owned[0]!.key).toBe(owned[1]!.key);
      expect(owned[0]!.line).toBe(26);
    },
  );

  it("Debian 12 iptables-nft 1.8.9: escaped quotes in comments, docker chains, the gateway's two SNAT kinds", () => {
    const t = unwrap(parseIptablesSave(fixture("debian12-nft-iptables-save.txt")));
    expect(t.chains.map((c) => c.name)).toEqual([
      "PREROUTING",
      "INPUT",
      "OUTPUT",
      "POSTROUTING",
      "BRANCHDESK-POST",
      "DOCKER",
    ]);
    const admin = t.rules.find((r) => r.text.includes("catch-all"))!;
    expect(admin.normal.matches).toEqual([
      { module: "comment", opts: [{ name: "--comment", negated: false, values: [`admin's "catch-all"`] }] },
    ]);
    expect(t.rules.filter((r) => r.rule).map((r) => r.rule)).toEqual([
      { kind: "snat-to-guest", outIfname: "eth1", ip: "203.0.113.10", port: 22, toSource: "169.254.1.1" },
      { kind: "snat-from-pool", notOutIfname: "eth1", source: "169.254.0.0/16", toSource: "203.0.113.1" },
    ]);
  });

  it("hand-written `iptables -S` style: long options, `-o ! x`, `--to`, no /32, dotted mask, numeric protocol", () => {
    const t = unwrap(parseIptablesSave(fixture("handwritten-iptables-s.txt")));
    expect(t.chains.find((c) => c.name === "BRANCHDESK-POST")).toEqual({ name: "BRANCHDESK-POST", policy: "-" });
    expect(t.rules.map((r) => r.key)).toEqual([
      "-A POSTROUTING -j BRANCHDESK-POST",
      "-A BRANCHDESK-POST -d 203.0.113.10/32 -o eth1 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1",
      "-A BRANCHDESK-POST -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 203.0.113.1",
    ]);
  });

  it("an empty dump, or one without a nat table, is an empty table", () => {
    expect(unwrap(parseIptablesSave(""))).toEqual({ tool: "iptables", table: "nat", chains: [], rules: [] });
    expect(unwrap(parseIptablesSave("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n")).rules).toEqual([]);
  });

  it("reads another table when asked", () => {
    const t = unwrap(parseIptablesSave(fixture("centos7-legacy-iptables-save.txt"), "filter"));
    expect(t.rules.map((r) => r.chain)).toEqual(["INPUT", "FORWARD"]);
  });

  it.each([
    ['*nat\n-A X -m comment --comment "open\nCOMMIT\n', /^line 2: unterminated " quote/],
    ["*nat\n:PREROUTING ACCEPT [0:0]\nrm -rf /\nCOMMIT\n", /^line 3: not a chain declaration or -A rule/],
    ["*nat\n-A X -j A -j B\nCOMMIT\n", /^line 2: more than one target/],
    ["*nat\n-A X --dport 22 -j ACCEPT\nCOMMIT\n", /^line 2: option --dport belongs to no match/],
    ["*nat\n-A X -s\nCOMMIT\n", /^line 2: option -s needs 1 value/],
    ["*nat\n-A X stray -j ACCEPT\nCOMMIT\n", /^line 2: unexpected word "stray"/],
    ["*nat\n-A X -j ACCEPT !\nCOMMIT\n", /^line 2: a trailing '!' negates nothing/],
  ])("refuses a broken dump with the line named: %j", (text, problem) => {
    const r = parseIptablesSave(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(problem);
  });
});
