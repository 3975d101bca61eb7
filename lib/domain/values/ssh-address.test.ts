import { describe, expect, it } from "vitest";
import type { Ipv4 } from "./ipv4";
import { isNumericLookingName, parseSshAddress, sshIpProblem } from "./ssh-address";

describe("parseSshAddress: how head office reaches a gateway, an ordinary unicast address or a DNS name", () => {
  it.each([
    "203.0.113.10",
    "192.0.2.1",
    "198.51.100.254",
    "198.18.0.1",
    "198.19.255.254", // documentation and lab ranges
    "10.20.30.40",
    "172.16.0.1",
    "192.168.1.1",
    "100.64.0.1",
    "8.8.8.8",
    "223.255.255.254",
  ])("accepts the unicast address %s", (ip) => {
    expect(parseSshAddress(ip)).toEqual({ ok: true, value: ip });
  });

  it.each([
    ["gw.branch42.example", "gw.branch42.example"],
    ["GW-0042.Bank.Example", "gw-0042.bank.example"],
    ["10.gw.example", "10.gw.example"], // numeric labels inside a name are fine: only the last one makes it a number
    ["0x7f.example", "0x7f.example"],
    ["localhost-gw.example", "localhost-gw.example"],
  ])("accepts the DNS name %s (normalised to %s); it is checked again when resolved", (name, normalised) => {
    expect(parseSshAddress(name)).toEqual({ ok: true, value: normalised });
  });

  // The forms inet_aton, getaddrinfo and ssh accept for 127.0.0.1 and friends (issue 8's list and more).
  it.each([
    "0x7f.0.0.1",
    "127.1",
    "0177.0.0.1",
    "2130706433",
    "0x7f000001",
    "127.0.1",
    "0x7F.1",
    "017700000001",
    "1.2.3.4.5",
    "203.0.113.010",
    "0",
    "0x",
    "example.123",
    "example.0x10",
  ])("refuses the numeric-looking name %s (not a canonical dotted quad)", (input) => {
    const r = parseSshAddress(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/dotted quad/);
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["0.0.0.0", "0.0.0.0/8"],
    ["0.1.2.3", "0.0.0.0/8"],
    ["169.254.169.254", "link-local"],
    ["169.254.1.1", "link-local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
  ])("refuses %s (%s)", (ip, why) => {
    const r = parseSshAddress(ip);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it.each(["localhost", "LOCALHOST", "gw.localhost", "a.b.localhost"])("refuses %s (RFC 6761)", (name) => {
    const r = parseSshAddress(name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("localhost");
  });

  it.each(["", " 203.0.113.10", "203.0.113.10;id", "gw_1.example", "gw.example.", "::1", "[::1]", 42, null])(
    "refuses %j (neither an address nor a host name)",
    (input) => {
      expect(parseSshAddress(input).ok).toBe(false);
    },
  );

  it("allowLoopback lets 127/8 through and nothing else (the test-only escape)", () => {
    expect(parseSshAddress("127.0.0.1", { allowLoopback: true })).toEqual({ ok: true, value: "127.0.0.1" });
    for (const other of ["0.0.0.0", "169.254.169.254", "224.0.0.1", "localhost", "127.1", "0x7f.0.0.1"]) {
      expect(parseSshAddress(other, { allowLoopback: true }).ok, other).toBe(false);
    }
  });
});

describe("sshIpProblem and isNumericLookingName", () => {
  it("sshIpProblem is null for unicast and names the range otherwise", () => {
    expect(sshIpProblem("203.0.113.10" as Ipv4)).toBeNull();
    expect(sshIpProblem("127.0.0.53" as Ipv4)).toContain("loopback");
  });

  it.each([
    ["127.1", true],
    ["2130706433", true],
    ["0X7F.1", true],
    ["gw.example", false],
    ["10.gw.example", false],
  ])("isNumericLookingName(%s) is %s", (name, expected) => {
    expect(isNumericLookingName(name)).toBe(expected);
  });
});
