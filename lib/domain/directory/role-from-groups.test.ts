import { describe, expect, it } from "vitest";
import { directoryUsernameProblem, normalizeDn, roleFromGroups } from "./role-from-groups";

const MAP = [
  { groupDn: "cn=auditors,ou=groups,dc=bank,dc=example", role: "viewer" as const },
  { groupDn: "cn=NOC, ou=Groups, dc=bank, dc=example", role: "operator" as const },
  { groupDn: "cn=netadmins,ou=groups,dc=bank,dc=example", role: "admin" as const },
];

describe("roleFromGroups", () => {
  it.each([
    [["cn=auditors,ou=groups,dc=bank,dc=example"], "viewer"],
    [["cn=noc,ou=groups,dc=bank,dc=example"], "operator"],
    [["cn=auditors,ou=groups,dc=bank,dc=example", "CN=NetAdmins,OU=groups,dc=bank,dc=example"], "admin"],
    [["cn=noc,ou=groups,dc=bank,dc=example", "cn=auditors,ou=groups,dc=bank,dc=example"], "operator"],
    [["cn=cafeteria,ou=groups,dc=bank,dc=example"], null],
    [[], null],
  ])("the highest mapped role wins, case and spaces aside: %j -> %s", (groups, role) => {
    expect(roleFromGroups(groups, MAP)).toBe(role);
  });

  it("a DN differing in a value is another group", () => {
    expect(roleFromGroups(["cn=noc2,ou=groups,dc=bank,dc=example"], MAP)).toBeNull();
    expect(normalizeDn(" CN=a , OU=b ")).toBe("cn=a,ou=b");
  });
});

describe("directoryUsernameProblem", () => {
  it.each(["alice\u0000", "a\nb", "a\tb", "\u007f"])("control characters are refused: %j", (u) => {
    expect(directoryUsernameProblem(u)).toMatch(/control characters/);
  });
  it.each(["alice", "*)(uid=*", "admin)(|(uid=*", "o'brien"])("other text is left to the escaped filter: %j", (u) => {
    expect(directoryUsernameProblem(u)).toBeNull();
  });
});
