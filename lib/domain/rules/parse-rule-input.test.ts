import { describe, expect, it } from "vitest";
import { parseGatewayRuleInput, parseHostRuleInput } from "./parse-rule-input";
import { buildHostRuleSet } from "./build-host-rule-set";
import { renderRuleSet } from "./render-rule-set";
import { assertSafeTokens, ruleLine } from "./rule-args";
import type { Ifname } from "../values/ifname";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";

const goodGuest = { ip: "203.0.113.10", mac: "52:54:00:01:02:0a" };
const goodGateway = {
  lanIfname: "eth1",
  lanIp: "203.0.113.1",
  linkLocalIp: "169.254.1.1",
  linkLocalPool: "169.254.0.0/16",
  guests: [{ ip: "203.0.113.10" }],
};

describe("hostile inventory never reaches a rule", () => {
  it.each([
    ["bridge", { bridge: "eth0;reboot", guests: [goodGuest] }, /not a valid interface name/],
    ["bridge", { bridge: "$(id)", guests: [goodGuest] }, /not a valid interface name/],
    ["bridge", { bridge: "br0\n-j ACCEPT", guests: [goodGuest] }, /not a valid interface name/],
    ["bridge", { bridge: "sixteen-chars-xx", guests: [goodGuest] }, /16 characters/],
    ["bridge", { bridge: "lo", guests: [goodGuest] }, /loopback/],
    ["bridge", { bridge: "", guests: [goodGuest] }, /must not be empty/],
    ["bridge", { bridge: 7, guests: [goodGuest] }, /must be a string/],
    [
      "guests[0].ip",
      { bridge: "virbr0", guests: [{ ...goodGuest, ip: "203.0.113.10;reboot" }] },
      /not an IPv4 address/,
    ],
    ["guests[0].ip", { bridge: "virbr0", guests: [{ ...goodGuest, ip: "203.0.113.10\n" }] }, /not an IPv4 address/],
    ["guests[0].ip", { bridge: "virbr0", guests: [{ ...goodGuest, ip: "224.0.0.5" }] }, /not a unicast host address/],
    ["guests[0].ip", { bridge: "virbr0", guests: [{ ...goodGuest, ip: "169.254.3.3" }] }, /link-local/],
    ["guests[0].mac", { bridge: "virbr0", guests: [{ ...goodGuest, mac: "01:00:5e:00:00:fb" }] }, /multicast/],
    ["guests[0].mac", { bridge: "virbr0", guests: [{ ...goodGuest, mac: "ff:ff:ff:ff:ff:ff" }] }, /multicast/],
    [
      "guests[0].mac",
      { bridge: "virbr0", guests: [{ ...goodGuest, mac: "52:54:00:01:02:0a -j ACCEPT" }] },
      /not a MAC address/,
    ],
    [
      "guests[1].ip",
      { bridge: "virbr0", guests: [goodGuest, { ip: goodGuest.ip, mac: "52:54:00:01:02:0b" }] },
      /already used by guests\[0\]\.ip/,
    ],
    [
      "guests[1].mac",
      { bridge: "virbr0", guests: [goodGuest, { ip: "203.0.113.11", mac: goodGuest.mac }] },
      /already used by guests\[0\]\.mac/,
    ],
    ["guests", { bridge: "virbr0", guests: "203.0.113.10" }, /must be a list/],
  ])("host: %s is refused (%j)", (field, raw, problem) => {
    const r = parseHostRuleInput(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]?.join("; ")).toMatch(problem);
  });

  it.each([
    ["lanIfname", { ...goodGateway, lanIfname: "eth1 ! -o lo" }, /not a valid interface name/],
    ["lanIfname", { ...goodGateway, lanIfname: "`reboot`" }, /not a valid interface name/],
    ["lanIfname", { ...goodGateway, lanIfname: "all" }, /not a usable interface name/],
    ["lanIp", { ...goodGateway, lanIp: "169.254.1.2" }, /link-local/],
    ["lanIp", { ...goodGateway, lanIp: "203.0.113.1/24" }, /not an IPv4 address/],
    ["linkLocalPool", { ...goodGateway, linkLocalPool: "198.51.100.0/24" }, /not inside 169.254.0.0\/16/],
    ["linkLocalPool", { ...goodGateway, linkLocalPool: "169.254.0.0/16;id" }, /invalid prefix length/],
    ["linkLocalIp", { ...goodGateway, linkLocalIp: "169.253.1.1" }, /not inside the link-local pool/],
    ["guests[0].ip", { ...goodGateway, guests: [{ ip: "$(id)" }] }, /not an IPv4 address/],
    ["guests[0].ip", { ...goodGateway, guests: [{ ip: "203.0.113.1" }] }, /already used by lanIp/],
  ])("gateway: %s is refused (%j)", (field, raw, problem) => {
    const r = parseGatewayRuleInput(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]?.join("; ")).toMatch(problem);
  });

  it("every problem comes back at once, keyed by field", () => {
    const r = parseHostRuleInput({
      bridge: "eth0;reboot",
      guests: [
        { ip: "$(id)", mac: "01:00:5e:00:00:01" },
        { ip: "x", mac: "y" },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(Object.keys(r.error).sort()).toEqual([
        "bridge",
        "guests[0].ip",
        "guests[0].mac",
        "guests[1].ip",
        "guests[1].mac",
      ]);
  });

  it("valid input parses to value objects (MAC normalised) and renders", () => {
    const r = parseHostRuleInput({ bridge: "br-lan.10", guests: [{ ip: "198.51.100.9", mac: "52-54-00-0A-0B-0C" }] });
    expect(r).toEqual({
      ok: true,
      value: { bridge: "br-lan.10", guests: [{ ip: "198.51.100.9", mac: "52:54:00:0a:0b:0c" }] },
    });
    if (r.ok) expect(renderRuleSet(buildHostRuleSet(r.value))["branchdesk.iptables"]).toContain("-i br-lan.10 ");
    expect(parseGatewayRuleInput(goodGateway).ok).toBe(true);
  });

  it("a forged value object (a cast that skipped its parser) makes rendering throw, not emit", () => {
    const forged = {
      kind: "redirect",
      inIfname: "eth0;reboot" as Ifname,
      ip: "203.0.113.10" as Ipv4,
      port: 22,
    } as const;
    expect(() => ruleLine(forged as never)).toThrow(/unsafe rule token "eth0;reboot"/);
    const rs = buildHostRuleSet({
      bridge: "virbr0" as Ifname,
      guests: [{ ip: "203.0.113.10" as Ipv4, mac: "52:54:00:01:02:0a\n-j DROP" as Mac }],
    });
    expect(() => renderRuleSet(rs)).toThrow(/unsafe rule token/);
    expect(() => assertSafeTokens(["$(id)"])).toThrow();
  });
});
