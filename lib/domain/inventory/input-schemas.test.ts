import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZCreateBranchInput, ZUpdateBranchInput } from "./branch-input";
import { ZGatewayInput } from "./gateway-input";
import { ZGuestInput } from "./guest-input";
import { ZCreateHostInput, ZUpdateHostInput } from "./host-input";
import { ZCreateUserInput, ZUpdateUserInput } from "../users/user-input";
import { ZAuditQuery } from "../audit/audit-query";
import { issueFields } from "./issue-fields";

/** field -> messages, the way the API reports them. */
function problems(result: { error?: { issues: z.core.$ZodIssue[] } }) {
  return { ...issueFields(result.error?.issues ?? []) };
}

const host = { hostname: "br-0042-h01", serial: "SN-0001", nicMac: "00:16:3e:00:00:01" };
const gateway = { hostname: "gw-0042", sshAddress: "203.0.113.10", lanIfname: "eth1", lanIp: "198.51.100.1" };

describe("ZCreateBranchInput", () => {
  it("normalises the code to upper case and fills the link-local defaults", () => {
    const r = ZCreateBranchInput.parse({ code: "br-0042", name: " Lyon ", region: "East", lanCidr: "198.51.100.0/24" });
    expect(r).toEqual({
      code: "BR-0042",
      name: "Lyon",
      region: "East",
      lanCidr: "198.51.100.0/24",
      linkLocalPool: "169.254.0.0/16",
      gatewayLinkLocalIp: "169.254.1.1",
    });
  });

  it.each([
    ["code", "-0042", "not a branch code"],
    ["code", "BR-42;reboot", "not a branch code"],
    ["code", undefined, "is required"],
    ["name", "", "must not be empty"],
    ["name", "Lyon\nrm -rf /", "U+000A"],
    ["name", "Lyon\u0085Est", "U+0085"],
    ["name", "\u202eLyon", "U+202E"],
    ["name", "Ly\u200bon", "U+200B"],
    ["region", "Est\u2028Ouest", "U+2028"],
    ["region", "Est\ue000", "U+E000"],
    ["lanCidr", "198.51.100.1/24", "host bits set"],
    ["lanCidr", "198.51.100.0/33", "invalid prefix"],
    ["lanCidr", "$(id)", "not a CIDR"],
    ["gatewayLinkLocalIp", "169.254.1.256", "octet 256 > 255"],
  ])("refuses %s = %j (%s)", (field, value, message) => {
    const input = { code: "BR-1", name: "n", region: "r", lanCidr: "198.51.100.0/24", [field]: value };
    expect(problems(ZCreateBranchInput.safeParse(input))[field]?.join()).toContain(message);
  });

  it("reports every bad field at once", () => {
    const r = ZCreateBranchInput.safeParse({ code: "x;y", name: "", region: "r", lanCidr: "nope" });
    expect(Object.keys(problems(r)).sort()).toEqual(["code", "lanCidr", "name"]);
  });

  it("an update may not rename the branch (the code is its identity) and applies no defaults", () => {
    expect(problems(ZUpdateBranchInput.safeParse({ code: "BR-2" })).code?.join()).toMatch(/unknown field/);
    expect(ZUpdateBranchInput.parse({ name: "New" })).toEqual({ name: "New" });
  });
});

describe("ZCreateHostInput", () => {
  it("defaults bridge virbr0, user root, state planned; normalises hostname and MACs", () => {
    const r = ZCreateHostInput.parse({
      ...host,
      hostname: "BR-0042-H01",
      nicMac: "00-16-3E-00-00-01",
      guest: { name: "WIN01", domain: "win01", ip: "198.51.100.10" },
    });
    expect(r).toMatchObject({
      hostname: "br-0042-h01",
      nicMac: "00:16:3e:00:00:01",
      bridge: "virbr0",
      sshUser: "root",
      state: "planned",
    });
    expect(r.linkLocalIp).toBeUndefined();
    expect(r.guest).toEqual({ name: "WIN01", domain: "win01", ip: "198.51.100.10" });
  });

  it.each([
    ["bridge", "eth0;reboot", "not a valid interface name"],
    ["bridge", "virbr0-is-too-long", "at most 15"],
    ["bridge", "vir br0", "not a valid interface name"],
    ["bridge", "br0\n", "not a valid interface name"],
    ["bridge", "lo", "loopback"],
    ["bridge", "all", "not a usable interface"],
    ["hostname", "$(id)", "RFC 1123"],
    ["hostname", "host_1", "RFC 1123"],
    ["hostname", "-host", "RFC 1123"],
    ["nicMac", "01:00:5e:00:00:01", "multicast"],
    ["nicMac", "ff:ff:ff:ff:ff:ff", "multicast"],
    ["nicMac", "00:16:3e:00:00:01\n", "not a MAC address"],
    ["linkLocalIp", "169.254.1.1 ", "not an IPv4 address"],
    ["linkLocalIp", "169.254.01.1", "leading zero"],
    ["serial", "SN 1", "not valid"],
    ["serial", "`reboot`", "not valid"],
    ["sshUser", "root;id", "not valid"],
    ["state", "broken", "must be one of planned, enrolled, active, retired"],
  ])("refuses %s = %j (%s)", (field, value, message) => {
    expect(problems(ZCreateHostInput.safeParse({ ...host, [field]: value }))[field]?.join()).toContain(message);
  });

  it("refuses invisible characters in the guest's name, naming the code point", () => {
    const r = ZCreateHostInput.safeParse({
      ...host,
      guest: { name: "WIN\u200d01", domain: "win01", ip: "198.51.100.10" },
    });
    expect(problems(r)["guest.name"]?.join()).toContain("U+200D");
  });

  it("keys nested guest problems with dots", () => {
    const r = ZCreateHostInput.safeParse({
      ...host,
      guest: { name: "w", domain: "w;reboot", mac: "33:33:00:00:00:01", ip: "203.0.113.300" },
    });
    expect(Object.keys(problems(r)).sort()).toEqual(["guest.domain", "guest.ip", "guest.mac"]);
  });

  it("an update cannot move a host to another branch", () => {
    expect(ZUpdateHostInput.safeParse({ branchId: 2 }).success).toBe(false);
    expect(ZUpdateHostInput.parse({ state: "active" })).toEqual({ state: "active" });
  });
});

describe("ZGatewayInput", () => {
  it("accepts an IPv4 or DNS ssh address, defaults port 22 and user root, and takes ports as text from forms", () => {
    expect(ZGatewayInput.parse(gateway)).toMatchObject({ sshPort: 22, sshUser: "root" });
    expect(ZGatewayInput.parse({ ...gateway, sshAddress: "gw.branch42.example", sshPort: "2222" })).toMatchObject({
      sshAddress: "gw.branch42.example",
      sshPort: 2222,
    });
  });

  it.each([
    ["sshAddress", "203.0.113.10;id", "neither an IPv4 address nor a host name"],
    ["sshPort", 0, "not a TCP port"],
    ["sshPort", "22 ", "not a TCP port number"],
    ["lanIfname", "eth0123456789012", "16 characters"],
    ["lanIfname", "lo", "loopback"],
    ["lanIfname", "default", "not a usable interface"],
    ["lanIp", "198.18.0.0/15", "not an IPv4 address"],
  ])("refuses %s = %j (%s)", (field, value, message) => {
    expect(problems(ZGatewayInput.safeParse({ ...gateway, [field]: value }))[field]?.join()).toContain(message);
  });
});

describe("unknown fields", () => {
  const branch = { code: "BR-1", name: "n", region: "r", lanCidr: "198.51.100.0/24" };
  const guest = { name: "w", domain: "w", ip: "198.51.100.10" };
  it.each([
    ["ZCreateBranchInput", "colour", ZCreateBranchInput, branch, "a branch has code, name, region"],
    ["ZUpdateBranchInput", "code", ZUpdateBranchInput, { name: "n" }, "a branch's editable fields are name, region"],
    ["ZCreateHostInput", "branchId", ZCreateHostInput, host, "a host has hostname, serial"],
    [
      "ZCreateHostInput",
      "guest.hostId",
      ZCreateHostInput,
      { ...host, guest: { ...guest, hostId: 1 } },
      "a guest has name, domain",
    ],
    ["ZUpdateHostInput", "branchId", ZUpdateHostInput, { state: "active" }, "a host's editable fields are hostname"],
    ["ZGatewayInput", "hostKeyFingerprint", ZGatewayInput, gateway, "a gateway has hostname, sshAddress"],
    ["ZGuestInput", "hostId", ZGuestInput, guest, "a guest has name, domain"],
    [
      "ZCreateUserInput",
      "isAdmin",
      ZCreateUserInput,
      { username: "jdupont", role: "viewer", password: "a long pass phrase" },
      "a user has",
    ],
  ])("%s refuses the unknown field %s, keyed by its own name", (_name, field, schema, body, message) => {
    const input = field.includes(".") ? body : { ...body, [field]: 1 };
    const out = problems((schema as z.ZodType).safeParse(input));
    expect(Object.keys(out)).toEqual([field]);
    expect(out[field]?.join()).toMatch(/^unknown field;/);
    expect(out[field]?.join()).toContain(message);
  });

  it("reports every unknown field at once, next to the other problems", () => {
    const out = problems(ZCreateBranchInput.safeParse({ ...branch, lanCidr: "nope", colour: 1, size: 2 }));
    expect(Object.keys(out).sort()).toEqual(["colour", "lanCidr", "size"]);
  });
});

describe("users and audit query", () => {
  it("refuses short passwords and odd usernames, and an empty update", () => {
    expect(
      Object.keys(
        problems(ZCreateUserInput.safeParse({ username: "Bad Name", role: "root", password: "short" })),
      ).sort(),
    ).toEqual(["password", "role", "username"]);
    expect(ZUpdateUserInput.safeParse({}).success).toBe(false);
    expect(ZUpdateUserInput.parse({ disabled: true })).toEqual({ disabled: true });
  });

  it("reads numbers from the query string and caps the page size", () => {
    expect(ZAuditQuery.parse({ cursor: "17", limit: "20" })).toMatchObject({ cursor: 17, limit: 20 });
    expect(ZAuditQuery.safeParse({ limit: "1000" }).success).toBe(false);
  });
});
