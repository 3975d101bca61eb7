import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { diffRuleSet } from "./diff-rule-set";
import { buildGatewayRuleSet } from "./build-gateway-rule-set";
import { buildHostRuleSet } from "./build-host-rule-set";
import { parseEbtables } from "./parse-ebtables";
import { parseIptablesSave } from "./parse-iptables-save";
import { parseGatewayRuleInput, parseHostRuleInput } from "./parse-rule-input";
import { renderRuleSet } from "./render-rule-set";

const fixture = (name: string) => readFileSync(new URL(`./testdata/fixtures/${name}`, import.meta.url), "utf8");
const host = buildHostRuleSet(
  unwrap(
    parseHostRuleInput({
      bridge: "virbr0",
      guests: [
        { ip: "203.0.113.10", mac: "52:54:00:01:02:0a" },
        { ip: "203.0.113.11", mac: "52:54:00:01:02:0b" },
      ],
    }),
  ),
);
const gateway = buildGatewayRuleSet(
  unwrap(
    parseGatewayRuleInput({
      lanIfname: "eth1",
      lanIp: "203.0.113.1",
      linkLocalIp: "169.254.1.1",
      linkLocalPool: "169.254.0.0/16",
      guests: [{ ip: "203.0.113.10" }],
    }),
  ),
);
const hostSysctl = { "net.bridge.bridge-nf-call-iptables": "1" };
const gatewaySysctl = { "net.ipv4.ip_forward": "1" };

describe("diffRuleSet", () => {
  it("the rendered files, read back, are exactly in place: nothing changed", () => {
    for (const [rs, sysctl] of [
      [host, hostSysctl],
      [gateway, gatewaySysctl],
    ] as const) {
      const files = renderRuleSet(rs);
      const jumps = (tool: string) =>
        rs.jumps
          .filter((j) => j.tool === tool)
          .map((j) => `-A ${j.from} -j ${j.chain}\n`)
          .join("");
      const d = diffRuleSet(rs, {
        iptables: unwrap(
          parseIptablesSave(files["branchdesk.iptables"].replace("COMMIT", `${jumps("iptables")}COMMIT`)),
        ),
        ebtables: unwrap(parseEbtables(files["branchdesk.ebtables"] + jumps("ebtables"))),
        sysctl,
      });
      expect(d).toEqual({
        toAdd: [],
        toRemove: [],
        inPlace: rs.rules,
        foreign: [],
        duplicates: [],
        settingsWrong: [],
        jumpProblems: [],
        changed: false,
      });
    }
  });

  it(
    "CentOS 7 host: owned duplicate, stale rule, missing guest, " + "a legacy script's look-alike rule left as foreign",
    () => {
      const d = diffRuleSet(host, {
        iptables: unwrap(parseIptablesSave(fixture("centos7-legacy-iptables-save.txt"))),
        ebtables: unwrap(parseEbtables(fixture("centos7-legacy-ebtables-list.txt"))),
        sysctl: {},
      });
      expect(d.changed).toBe(true);
      expect(d.inPlace).toEqual([host.rules[0], host.rules[2]]); // arpreply .10, redirect .10
      expect(d.toAdd).toEqual([host.rules[1], host.rules[3]]); // .11's arpreply (foreign-shaped there) and redirect
      expect(d.toRemove.map((r) => r.key)).toEqual([
        "-A BRANCHDESK-PRE -d 203.0.113.20/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT",
        expect.stringContaining("-A BRANCHDESK-ARP -p ARP ! -s 52:54:00:01:02:0b"),
      ]);
      expect(d.duplicates).toEqual([
        {
          tool: "iptables",
          chain: "BRANCHDESK-PRE",
          key: expect.stringContaining("203.0.113.10/32"),
          count: 2,
          owned: true,
        },
      ]);
      const lookAlike = d.foreign.find((r) => r.text.includes("203.0.113.12"))!;
      expect(lookAlike.rule).toEqual({ kind: "redirect", inIfname: "virbr0", ip: "203.0.113.12", port: 22 });
      expect(d.foreign.map((r) => r.chain)).toEqual([
        "PREROUTING",
        "PREROUTING",
        ...Array(5).fill("POSTROUTING"),
        "PREROUTING",
      ]);
      expect(d.jumpProblems).toEqual([]);
      expect(d.settingsWrong).toEqual([{ key: "net.bridge.bridge-nf-call-iptables", want: "1", got: null }]);
    },
  );

  it(
    "Debian gateway: a duplicated jump is named, docker and admin rules are foreign, " + "ebtables not read is fine",
    () => {
      const d = diffRuleSet(gateway, {
        iptables: unwrap(parseIptablesSave(fixture("debian12-nft-iptables-save.txt"))),
        ebtables: null,
        sysctl: { "net.ipv4.ip_forward": "0" },
      });
      expect(d.inPlace).toEqual(gateway.rules);
      expect(d.toAdd).toEqual([]);
      expect(d.toRemove).toEqual([]);
      expect(d.jumpProblems).toEqual([{ problem: "duplicated", jump: gateway.jumps[0], count: 2 }]);
      expect(d.duplicates).toEqual([]);
      expect(d.foreign.map((r) => r.chain)).toEqual(["PREROUTING", "OUTPUT", "POSTROUTING", "POSTROUTING", "DOCKER"]);
      expect(d.settingsWrong).toEqual([{ key: "net.ipv4.ip_forward", want: "1", got: "0" }]);
      expect(d.changed).toBe(true);
    },
  );

  it("hand-written spellings of the wanted rules count as in place", () => {
    const d = diffRuleSet(gateway, {
      iptables: unwrap(parseIptablesSave(fixture("handwritten-iptables-s.txt"))),
      ebtables: null,
      sysctl: gatewaySysctl,
    });
    expect(d.changed).toBe(false);
    expect(d.inPlace).toEqual(gateway.rules);
  });

  it("an empty target: everything to add, every jump missing, nothing foreign", () => {
    const d = diffRuleSet(host, { iptables: null, ebtables: null, sysctl: {} });
    expect(d.toAdd).toEqual(host.rules);
    expect(d.jumpProblems.map((p) => p.problem)).toEqual(["missing", "missing"]);
    expect(d.changed).toBe(true);
  });

  it(
    "a conditional jump or a jump from the wrong chain is 'unexpected': " +
      "reported, never counted as the jump, not a change",
    () => {
      const dump = [
        "*nat",
        ":BRANCHDESK-POST - [0:0]",
        "-A POSTROUTING -j BRANCHDESK-POST",
        "-A POSTROUTING -o eth1 -j BRANCHDESK-POST",
        "-A PREROUTING -j BRANCHDESK-POST",
        ...gateway.rules.map((r) => renderRuleSet({ ...gateway, rules: [r] })["branchdesk.iptables"].split("\n")[3]),
        "COMMIT",
      ].join("\n");
      const d = diffRuleSet(gateway, {
        iptables: unwrap(parseIptablesSave(dump)),
        ebtables: null,
        sysctl: gatewaySysctl,
      });
      expect(d.jumpProblems.map((p) => (p.problem === "unexpected" ? p.rule.key : p.problem))).toEqual([
        "-A POSTROUTING -o eth1 -j BRANCHDESK-POST",
        "-A PREROUTING -j BRANCHDESK-POST",
      ]);
      expect(d.foreign).toEqual([]);
      expect(d.changed).toBe(false);
    },
  );

  it("foreign duplicates are listed but do not make the target changed", () => {
    const files = renderRuleSet(gateway);
    const dump = files["branchdesk.iptables"].replace(
      "COMMIT",
      "-A POSTROUTING -j BRANCHDESK-POST\n-A POSTROUTING -o wan0 -j MASQUERADE\n" +
        "-A POSTROUTING -o wan0 -j MASQUERADE\nCOMMIT",
    );
    const d = diffRuleSet(gateway, {
      iptables: unwrap(parseIptablesSave(dump)),
      ebtables: null,
      sysctl: gatewaySysctl,
    });
    expect(d.duplicates).toEqual([
      { tool: "iptables", chain: "POSTROUTING", key: "-A POSTROUTING -o wan0 -j MASQUERADE", count: 2, owned: false },
    ]);
    expect(d.changed).toBe(false);
  });
});
