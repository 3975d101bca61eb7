import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { unwrap } from "../result";
import { buildGatewayRuleSet } from "./build-gateway-rule-set";
import { buildHostRuleSet } from "./build-host-rule-set";
import { diffRuleSet } from "./diff-rule-set";
import { parseEbtables } from "./parse-ebtables";
import { parseIptablesSave } from "./parse-iptables-save";
import { parseGatewayRuleInput, parseHostRuleInput } from "./parse-rule-input";
import { renderRuleSet } from "./render-rule-set";
import { ruleLine } from "./rule-args";
import { modelRuleKey } from "./rule-key";
import { compareRules, type RuleSet } from "./rule";

const octet = fc.integer({ min: 1, max: 254 });
const docIp = fc.oneof(
  octet.map((o) => `192.0.2.${o}`),
  octet.map((o) => `198.51.100.${o}`),
  octet.map((o) => `203.0.113.${o}`),
  fc
    .tuple(fc.integer({ min: 18, max: 19 }), fc.integer({ min: 0, max: 255 }), octet)
    .map(([b, c, d]) => `198.${b}.${c}.${d}`),
);
const mac = fc
  .tuple(fc.integer({ min: 0, max: 0xffffff }))
  .map(([n]) => `52:54:00:${n.toString(16).padStart(6, "0").match(/../g)!.join(":")}`);
const ifname = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$/).filter((s) => s !== "." && s !== "..");
const linkLocal = fc.tuple(fc.integer({ min: 1, max: 254 }), octet).map(([c, d]) => `169.254.${c}.${d}`);

const hostRaw = fc.record({
  bridge: ifname,
  guests: fc
    .uniqueArray(fc.record({ ip: docIp, mac }), { maxLength: 30, selector: (g) => g.ip })
    .filter((gs) => new Set(gs.map((g) => g.mac)).size === gs.length),
});
const gatewayRaw = fc
  .record({
    lanIfname: ifname,
    lanIp: docIp,
    linkLocalIp: linkLocal,
    linkLocalPool: fc.constant("169.254.0.0/16"),
    guests: fc.uniqueArray(fc.record({ ip: docIp }), { maxLength: 30, selector: (g) => g.ip }),
  })
  .filter((g) => !g.guests.some((x) => x.ip === g.lanIp));

const ruleSets: fc.Arbitrary<RuleSet> = fc.oneof(
  hostRaw.map((raw) => buildHostRuleSet(unwrap(parseHostRuleInput(raw)))),
  gatewayRaw.map((raw) => buildGatewayRuleSet(unwrap(parseGatewayRuleInput(raw)))),
);

describe("render -> parse -> equal", () => {
  it("every valid inventory's rendered files parse back to exactly its rules", () => {
    fc.assert(
      fc.property(ruleSets, (rs) => {
        const files = renderRuleSet(rs);
        const ipt = unwrap(parseIptablesSave(files["branchdesk.iptables"]));
        const eb = unwrap(parseEbtables(files["branchdesk.ebtables"]));
        const back = [...ipt.rules, ...eb.rules].map((r) => r.rule!);
        expect(back.sort(compareRules)).toEqual(rs.rules);
        const d = diffRuleSet(rs, { iptables: ipt, ebtables: eb, sysctl: {} });
        expect(d.inPlace).toEqual(rs.rules);
        expect(d.toAdd.length + d.toRemove.length + d.duplicates.length).toBe(0);
      }),
    );
  });

  it("a rule's canonical key is its rendered line (so read-back is byte-identical)", () => {
    fc.assert(fc.property(ruleSets, (rs) => rs.rules.every((r) => modelRuleKey(r) === ruleLine(r))));
  });

  it("rendering is a pure function: same inventory, same bytes", () => {
    fc.assert(
      fc.property(hostRaw, (raw) => {
        const a = renderRuleSet(buildHostRuleSet(unwrap(parseHostRuleInput(raw))));
        const b = renderRuleSet(
          buildHostRuleSet(unwrap(parseHostRuleInput({ ...raw, guests: [...raw.guests].reverse() }))),
        );
        expect(b).toEqual(a);
      }),
    );
  });
});
