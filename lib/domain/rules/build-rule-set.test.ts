import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import { buildGatewayRuleSet } from "./build-gateway-rule-set";
import { buildHostRuleSet } from "./build-host-rule-set";
import { parseGatewayRuleInput, parseHostRuleInput } from "./parse-rule-input";
import { renderRuleSet } from "./render-rule-set";

describe("buildHostRuleSet", () => {
  const rs = buildHostRuleSet(
    unwrap(
      parseHostRuleInput({
        bridge: "virbr0",
        guests: [
          { ip: "203.0.113.10", mac: "52:54:00:01:02:0a" },
          { ip: "203.0.113.9", mac: "52:54:00:01:02:09" },
        ],
      }),
    ),
  );

  it(
    "per guest: one arpreply (guest IP -> guest MAC) and one REDIRECT of TCP 22 on the bridge, " +
      "sorted by IP numerically",
    () => {
      expect(rs.rules).toEqual([
        { kind: "arpreply", ip: "203.0.113.9", mac: "52:54:00:01:02:09" },
        { kind: "arpreply", ip: "203.0.113.10", mac: "52:54:00:01:02:0a" },
        { kind: "redirect", inIfname: "virbr0", ip: "203.0.113.9", port: 22 },
        { kind: "redirect", inIfname: "virbr0", ip: "203.0.113.10", port: 22 },
      ]);
    },
  );

  it(
    "needs bridge-nf-call-iptables=1 (br_netfilter) and owns BRANCHDESK-ARP and BRANCHDESK-PRE, " +
      "both from PREROUTING",
    () => {
      expect(rs.settings).toEqual([{ key: "net.bridge.bridge-nf-call-iptables", value: "1", module: "br_netfilter" }]);
      expect(rs.jumps.map((j) => `${j.tool} ${j.from} ${j.chain}`)).toEqual([
        "ebtables PREROUTING BRANCHDESK-ARP",
        "iptables PREROUTING BRANCHDESK-PRE",
      ]);
    },
  );

  it("a host without guests still declares (and so flushes) its chains", () => {
    const empty = buildHostRuleSet(unwrap(parseHostRuleInput({ bridge: "virbr0", guests: [] })));
    expect(empty.rules).toEqual([]);
    expect(renderRuleSet(empty)["branchdesk.iptables"]).toContain(":BRANCHDESK-PRE - [0:0]\nCOMMIT\n");
    expect(renderRuleSet(empty)["branchdesk.ebtables"]).toContain(":BRANCHDESK-ARP RETURN\n");
  });
});

describe("buildGatewayRuleSet", () => {
  const rs = buildGatewayRuleSet(
    unwrap(
      parseGatewayRuleInput({
        lanIfname: "eth1",
        lanIp: "203.0.113.1",
        linkLocalIp: "169.254.1.1",
        linkLocalPool: "169.254.0.0/16",
        guests: [{ ip: "203.0.113.20" }, { ip: "203.0.113.3" }],
      }),
    ),
  );

  it(
    "per guest: SNAT to the gateway's link-local for TCP 22 out the LAN; " +
      "once: SNAT link-local sources leaving elsewhere to the LAN IP",
    () => {
      expect(rs.rules).toEqual([
        { kind: "snat-to-guest", outIfname: "eth1", ip: "203.0.113.3", port: 22, toSource: "169.254.1.1" },
        { kind: "snat-to-guest", outIfname: "eth1", ip: "203.0.113.20", port: 22, toSource: "169.254.1.1" },
        { kind: "snat-from-pool", notOutIfname: "eth1", source: "169.254.0.0/16", toSource: "203.0.113.1" },
      ]);
    },
  );

  it("needs ip_forward=1 and owns BRANCHDESK-POST from POSTROUTING; no ebtables part", () => {
    expect(rs.settings).toEqual([{ key: "net.ipv4.ip_forward", value: "1" }]);
    expect(rs.jumps).toEqual([{ tool: "iptables", table: "nat", from: "POSTROUTING", chain: "BRANCHDESK-POST" }]);
    const files = renderRuleSet(rs);
    expect(files["branchdesk.ebtables"]).toBe("");
    expect(files["branchdesk.modules"]).toBe("");
  });

  it("a gateway with no guests keeps the pool rule: hosts still reach head office", () => {
    const none = buildGatewayRuleSet(
      unwrap(
        parseGatewayRuleInput({
          lanIfname: "eth1",
          lanIp: "203.0.113.1",
          linkLocalIp: "169.254.1.1",
          linkLocalPool: "169.254.0.0/16",
          guests: [],
        }),
      ),
    );
    expect(none.rules.map((r) => r.kind)).toEqual(["snat-from-pool"]);
  });
});
