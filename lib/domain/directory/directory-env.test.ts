import { describe, expect, it } from "vitest";
import { directorySettingsFromEnv } from "./directory-env";
import { DEFAULT_DIRECTORY_SETTINGS, directorySettingsProblems } from "./directory-settings";

const noFile = () => {
  throw new Error("no CA file expected");
};

describe("directorySettingsFromEnv", () => {
  it("is null without BRANCHDESK_LDAP_URLS: the database row applies", () => {
    expect(directorySettingsFromEnv({ BRANCHDESK_LDAP_BIND_DN: "cn=x" }, noFile)).toBeNull();
  });

  it("reads every variable, the CA from its file and the role map from JSON", () => {
    const got = directorySettingsFromEnv(
      {
        BRANCHDESK_LDAP_URLS: "ldaps://ds1.bank.example:636, ldaps://ds2.bank.example",
        BRANCHDESK_LDAP_TLS: "ldaps",
        BRANCHDESK_LDAP_CA_FILE: "/etc/branchdesk/ca.pem",
        BRANCHDESK_LDAP_BIND_DN: "cn=branchdesk,ou=services,dc=bank,dc=example",
        BRANCHDESK_LDAP_BIND_PASSWORD: "s3cret",
        BRANCHDESK_LDAP_USER_BASE: "ou=people,dc=bank,dc=example",
        BRANCHDESK_LDAP_GROUP_MODE: "uniqueMember",
        BRANCHDESK_LDAP_GROUP_BASE: "ou=groups,dc=bank,dc=example",
        BRANCHDESK_LDAP_ROLE_MAP: '{"cn=noc,ou=groups,dc=bank,dc=example":"operator"}',
        BRANCHDESK_LDAP_TIMEOUT_MS: "2000",
      },
      (path) => `PEM from ${path}`,
    )!;
    expect(got.bindPassword).toBe("s3cret");
    expect(got.settings).toMatchObject({
      enabled: true,
      urls: ["ldaps://ds1.bank.example:636", "ldaps://ds2.bank.example"],
      caPem: "PEM from /etc/branchdesk/ca.pem",
      groupMode: "uniqueMember",
      roleMap: [{ groupDn: "cn=noc,ou=groups,dc=bank,dc=example", role: "operator" }],
      timeoutMs: 2000,
      recheckSeconds: 300,
    });
  });

  it.each([
    [{ BRANCHDESK_LDAP_URLS: "http://ds1" }, /^BRANCHDESK_LDAP_URLS: /],
    [{ BRANCHDESK_LDAP_URLS: "ldap://ds1", BRANCHDESK_LDAP_ROLE_MAP: "{" }, /^BRANCHDESK_LDAP_ROLE_MAP is not JSON/],
    [{ BRANCHDESK_LDAP_URLS: "ldap://ds1", BRANCHDESK_LDAP_ROLE_MAP: '{"cn=a":"root"}' }, /viewer, operator or admin/],
    [{ BRANCHDESK_LDAP_URLS: "ldap://ds1", BRANCHDESK_LDAP_TIMEOUT_MS: "50" }, /^BRANCHDESK_LDAP_TIMEOUT_MS: at least/],
  ])("names the wrong variable: %j", (env, message) => {
    expect(() => directorySettingsFromEnv(env, noFile)).toThrow(message);
  });
});

describe("directorySettingsProblems", () => {
  it("an enabled configuration lists every missing piece by field; a disabled one none", () => {
    const on = { ...DEFAULT_DIRECTORY_SETTINGS, enabled: true, groupMode: "member" as const, urls: ["ldaps://ds1"] };
    expect(directorySettingsProblems(on, false).map((p) => p.path)).toEqual([
      "urls.0",
      "caPem",
      "bindDn",
      "bindPassword",
      "userBase",
      "groupBase",
      "roleMap",
    ]);
    expect(directorySettingsProblems({ ...on, enabled: false }, false)).toEqual([]);
  });
});
