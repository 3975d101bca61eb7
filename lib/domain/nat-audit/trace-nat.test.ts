import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unwrap } from "../result";
import type { NatTable, TracePacket } from "./nat-audit-types";
import { parseEbtablesNat } from "./parse-ebtables-nat";
import { parseNatTable } from "./parse-nat-table";
import { traceNat } from "./trace-nat";
import { ip } from "./testdata/scenarios";

const read = (f: string) => readFileSync(path.join(__dirname, "testdata", f), "utf8");
const gatewayAdopted = unwrap(parseNatTable(read("gateway-adopted.nft.txt")));
const gatewayHandmade = unwrap(parseNatTable(read("gateway-handmade.legacy.txt")));
const hostIptables = unwrap(parseNatTable(read("host-handmade.nft.txt")));
const hostEbtables = unwrap(parseEbtablesNat(read("host-ebtables.nft.txt")));

const SNAT_10 = "-A POSTROUTING -d 203.0.113.10/32 -o eth0 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.1.1";

const hq = (guest: string): TracePacket => ({
  src: ip("198.51.100.9"),
  dst: ip(guest),
  proto: "tcp",
  dport: 22,
  gatewayInIf: "wan0",
  gatewayOutIf: "eth0",
  hostBridge: "virbr0",
  hostPort: "eth0",
});

describe("traceNat: HQ -> guest-IP:22 through gateway, host ebtables, host iptables", () => {
  it("with the rules in place: SNAT to the link-local address, ARP reply, REDIRECT to local :22", () => {
    const t = traceNat({ gateway: gatewayAdopted, hostIptables, hostEbtables }, hq("203.0.113.10"));
    expect(t.verdict).toEqual({
      summary: "SNAT to 169.254.1.1, ARP reply 52:54:00:01:02:0a, REDIRECT to local :22",
      reachable: true,
      gatewaySource: "169.254.1.1",
      arpReplyMac: "52:54:00:01:02:0a",
      hostRedirect: "local :22",
    });
    // Each rule evaluated, in kernel order, with its result.
    expect(
      t.steps.map((s) => `${s.stage} | ${s.rule ? `${s.chain}#${s.rule.index}` : s.chain} | ${s.result} | ${s.note}`),
    ).toEqual([
      "gateway PREROUTING | PREROUTING | match | policy ACCEPT",
      "gateway POSTROUTING | POSTROUTING#1 | match | jump BRANCHDESK-POST",
      "gateway POSTROUTING | BRANCHDESK-POST#1 | match | SNAT to 169.254.1.1",
      "host ebtables PREROUTING | PREROUTING#1 | match | jump BRANCHDESK-ARP",
      "host ebtables PREROUTING | BRANCHDESK-ARP#1 | match | ARP reply 52:54:00:01:02:0a",
      "host PREROUTING | PREROUTING#1 | match | REDIRECT to local :22",
    ]);
  });

  it("a guest without rules: no SNAT, no ARP reply, no REDIRECT, and the verdict says unreachable", () => {
    const t = traceNat({ gateway: gatewayHandmade, hostIptables, hostEbtables }, hq("203.0.113.12"));
    expect(t.verdict.reachable).toBe(false);
    expect(t.verdict.summary).toBe(
      "no SNAT at the gateway (source stays 198.51.100.9), no ARP reply from the host's rules, " +
        "no REDIRECT on the host" +
        // Docker's `-m addrtype --dst-type LOCAL` jump: whether 203.0.113.12 is local to the gateway is not in a dump.
        " (unsure: gateway PREROUTING has a rule it could not evaluate)",
    );
    const post = t.steps.filter((s) => s.stage === "gateway POSTROUTING");
    expect(post.filter((s) => s.result === "match").map((s) => s.note)).toEqual(["policy ACCEPT"]);
    expect(post.filter((s) => s.rule).every((s) => s.result === "no match")).toBe(true);
  });

  it("the hand-made gateway rules work too; the duplicate is never evaluated (the first copy wins)", () => {
    const t = traceNat({ gateway: gatewayHandmade, hostIptables, hostEbtables }, hq("203.0.113.10"));
    expect(t.verdict.gatewaySource).toBe("169.254.1.1");
    expect(t.steps.filter((s) => s.stage === "gateway POSTROUTING").map((s) => s.rule?.index)).toEqual([1]);
  });

  it("a rule it cannot evaluate makes the verdict unsure, never a confident answer", () => {
    const gateway = unwrap(
      parseNatTable(
        "*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -m mark --mark 0x1 -j MASQUERADE\n" + `${SNAT_10}\nCOMMIT\n`,
      ),
    );
    const t = traceNat({ gateway, hostIptables, hostEbtables }, hq("203.0.113.10"));
    expect(t.steps.find((s) => s.rule?.index === 1)?.result).toBe("unknown");
    expect(t.verdict.reachable).toBeNull();
    expect(t.verdict.summary).toMatch(/unsure: gateway POSTROUTING has a rule/);
  });

  it("a missing table is reported, not guessed", () => {
    const t = traceNat(
      { gateway: gatewayAdopted, hostIptables: null, hostEbtables: null as NatTable | null },
      hq("203.0.113.10"),
    );
    expect(t.steps.filter((s) => s.note === "no table read").map((s) => s.stage)).toEqual([
      "host ebtables PREROUTING",
      "host PREROUTING",
    ]);
    expect(t.verdict.reachable).toBeNull();
  });

  it("a DNAT at the gateway changes what the later stages see", () => {
    const gateway = unwrap(
      parseNatTable(
        "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n" +
          "-A PREROUTING -i wan0 -p tcp -m tcp --dport 2210 -j DNAT --to-destination 203.0.113.10:22\n" +
          `${SNAT_10}\nCOMMIT\n`,
      ),
    );
    const t = traceNat({ gateway, hostIptables, hostEbtables }, { ...hq("198.51.100.2"), dport: 2210 });
    expect(t.verdict.summary).toBe("SNAT to 169.254.1.1, ARP reply 52:54:00:01:02:0a, REDIRECT to local :22");
  });
});
