import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { modelNatRule } from "./model-nat-rule";
import type { NatRule } from "./nat-audit-types";
import { parseEbtablesNat } from "./parse-ebtables-nat";
import { parseNatTable } from "./parse-nat-table";
import { rulesEquivalent } from "./rules-equivalent";
import { GATEWAY_RULES, HOST_RULES } from "./testdata/scenarios";

const rule = (line: string): NatRule => {
  const t = unwrap(parseNatTable(`*nat\n:X - [0:0]\n:BRANCHDESK-POST - [0:0]\n${line}\nCOMMIT\n`));
  return t.rules[0]!;
};

describe("rulesEquivalent: equal when they match the same packets and do the same", () => {
  it.each([
    [
      "REDIRECT --to-ports 22 on --dport 22 vs bare REDIRECT",
      "-A PREROUTING -i virbr0 -p tcp -d 203.0.113.10 --dport 22 -j REDIRECT --to-ports 22",
      "-A PREROUTING -d 203.0.113.10/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT",
    ],
    [
      "--to vs --to-source",
      "-A POSTROUTING -o eth0 -d 203.0.113.10 -p tcp --dport 22 -j SNAT --to 169.254.1.1",
      "-A POSTROUTING -d 203.0.113.10/32 -o eth0 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1",
    ],
    [
      "-m comment present or not",
      '-A POSTROUTING -o wan0 -m comment --comment "admin\\\'s \\"catch-all\\"" -j MASQUERADE',
      "-A POSTROUTING -o wan0 -j MASQUERADE",
    ],
    [
      "-m tcp added by the tools",
      "-A POSTROUTING -p tcp --dport 22 -j ACCEPT",
      "-A POSTROUTING -p tcp -m tcp --dport 22 -j ACCEPT",
    ],
    [
      "! -o eth0, prefix form vs old infix form",
      "-A POSTROUTING ! -o eth0 -s 169.254.0.0/16 -j SNAT --to 203.0.113.1",
      "-A POSTROUTING -o ! eth0 --source 169.254.0.0/255.255.0.0 -j SNAT --to-source 203.0.113.1",
    ],
    ["/32 vs bare address", "-A POSTROUTING -s 198.51.100.7/32 -j RETURN", "-A POSTROUTING -s 198.51.100.7 -j RETURN"],
    [
      "protocol by number",
      "-A POSTROUTING -p 6 --destination-port 22 -j RETURN",
      "-A POSTROUTING -p tcp --dport 22 -j RETURN",
    ],
    [
      "port range spellings",
      "-A POSTROUTING -p udp --dport 1024:65535 -j RETURN",
      "-A POSTROUTING -p udp --dport 1024: -j RETURN",
    ],
  ])("%s", (_name, a, b) => {
    expect(rulesEquivalent(rule(a), rule(b))).toBe(true);
  });

  it.each([
    [
      "REDIRECT to another port is not a bare REDIRECT",
      "-A PREROUTING -p tcp --dport 2222 -j REDIRECT --to-ports 22",
      "-A PREROUTING -p tcp --dport 2222 -j REDIRECT",
    ],
    ["negation matters", "-A POSTROUTING ! -o eth0 -j MASQUERADE", "-A POSTROUTING -o eth0 -j MASQUERADE"],
    ["/24 is not /32", "-A POSTROUTING -s 198.51.100.0/24 -j RETURN", "-A POSTROUTING -s 198.51.100.0 -j RETURN"],
    ["an uninterpreted match matters", "-A POSTROUTING -m mark --mark 0x1 -j RETURN", "-A POSTROUTING -j RETURN"],
    ["target options matter", "-A POSTROUTING -o wan0 -j MASQUERADE --random", "-A POSTROUTING -o wan0 -j MASQUERADE"],
  ])("not equal: %s", (_name, a, b) => {
    expect(rulesEquivalent(rule(a), rule(b))).toBe(false);
  });

  it("a Branchdesk rule and its rendered line read back are equivalent, for every kind", () => {
    for (const r of [...GATEWAY_RULES.rules, ...HOST_RULES.rules]) {
      const model = modelNatRule(r);
      const back =
        r.kind === "arpreply"
          ? unwrap(parseEbtablesNat(`*nat\n:${model.chain} RETURN\n${model.text}\n`)).rules[0]!
          : rule(model.text);
      expect(rulesEquivalent(model, back), model.text).toBe(true);
    }
  });

  it("keeps the line as read, byte for byte, and its counters", () => {
    const line = '[7:420] -A POSTROUTING -o wan0 -m comment --comment "x  y" -j MASQUERADE  ';
    const r = rule(line);
    expect(r.text).toBe(line);
    expect(r.counters).toEqual({ packets: 7, bytes: 420 });
    expect(r.match.comment).toBe("x  y");
  });
});
