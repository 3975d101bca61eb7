/**
 * Directory (LDAP) sign-in settings (issue 14): what an admin saves on /settings/directory
 * (or the BRANCHDESK_LDAP_* environment sets, directory-env.ts), validated here once.
 * Pure: no I/O. The bind password is a separate, write-only field: it is never part of
 * an answer.
 */
import { z } from "zod";
import { ZRole } from "../role";
import { zStrictInput } from "../strict-input";

export const TLS_MODES = ["starttls", "ldaps", "none"] as const;
export const GROUP_MODES = ["memberOf", "member", "uniqueMember"] as const;

// A DN or filter is text for the directory, never for a shell; the bounds keep a typo'd
// paste (a whole LDIF) out, and no control character can hide in one.
const CONTROL = /[\u0000-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL.test(s), "no control characters");

export const ZDirectoryUrl = z
  .string()
  .trim()
  .max(300)
  .regex(
    /^ldaps?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?\/?$/,
    "ldap://host[:port] or ldaps://host[:port], nothing after the port",
  );

export const ZRoleMapping = z.strictObject({
  groupDn: text(1024).refine((s) => s.includes("="), "the group's DN, e.g. cn=noc,ou=groups,dc=bank,dc=example"),
  role: ZRole,
});
export type RoleMapping = z.infer<typeof ZRoleMapping>;

const shape = {
  enabled: z.boolean(),
  urls: z.array(ZDirectoryUrl).max(10, "at most 10 replicas"),
  tls: z.enum(TLS_MODES),
  caPem: z.string().max(20_000).meta({ description: "PEM of the CA that signs the directory's certificates" }),
  bindDn: text(1024),
  userBase: text(1024),
  userFilter: text(512),
  usernameAttribute: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, "an attribute name such as uid or sAMAccountName"),
  groupMode: z.enum(GROUP_MODES),
  groupBase: text(1024),
  roleMap: z.array(ZRoleMapping).max(100, "at most 100 group mappings"),
  timeoutMs: z.number().int().min(500, "at least 500 ms").max(30_000, "at most 30000 ms (30 s)"),
  recheckSeconds: z.number().int().min(10, "at least 10 s").max(3600, "at most 3600 s (an hour)"),
};

export const ZDirectorySettings = z.object(shape).meta({ id: "DirectorySettings" });
export type DirectorySettings = z.infer<typeof ZDirectorySettings>;

/** What sign-in uses: the settings plus the search account's password. */
export type DirectoryConfig = DirectorySettings & { bindPassword: string };

export const DEFAULT_DIRECTORY_SETTINGS: DirectorySettings = {
  enabled: false,
  urls: [],
  tls: "starttls",
  caPem: "",
  bindDn: "",
  userBase: "",
  userFilter: "(objectClass=inetOrgPerson)",
  usernameAttribute: "uid",
  groupMode: "memberOf",
  groupBase: "",
  roleMap: [],
  timeoutMs: 3000,
  recheckSeconds: 300,
};

type Issue = { path: string; message: string };

/** Every cross-field problem of an enabled configuration at once, keyed by field. */
export function directorySettingsProblems(s: DirectorySettings, bindPasswordSet: boolean): Issue[] {
  if (!s.enabled) return [];
  const out: Issue[] = [];
  if (s.urls.length === 0) out.push({ path: "urls", message: "at least one directory URL" });
  const scheme = s.tls === "ldaps" ? "ldaps://" : "ldap://";
  s.urls.forEach((u, i) => {
    if (!u.toLowerCase().startsWith(scheme)) {
      out.push({ path: `urls.${i}`, message: `${s.tls} needs ${scheme} URLs (tls is ${s.tls})` });
    }
  });
  if (s.tls !== "none" && !/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(s.caPem)) {
    out.push({ path: "caPem", message: `${s.tls} needs the CA certificate (PEM) that signed the directory's` });
  }
  if (!s.bindDn) out.push({ path: "bindDn", message: "the DN of the account that searches for users" });
  if (!bindPasswordSet) out.push({ path: "bindPassword", message: "the search account's password" });
  if (!s.userBase) out.push({ path: "userBase", message: "where users are, e.g. ou=people,dc=bank,dc=example" });
  if (s.userFilter && !/^\(.*\)$/.test(s.userFilter)) {
    out.push({ path: "userFilter", message: "an LDAP filter in parentheses, e.g. (objectClass=inetOrgPerson)" });
  }
  if (s.groupMode !== "memberOf" && !s.groupBase) {
    out.push({ path: "groupBase", message: `groupMode ${s.groupMode} searches groups: where they are` });
  }
  if (s.roleMap.length === 0) out.push({ path: "roleMap", message: "map at least one group to a role" });
  return out;
}

/** PUT /directory-settings: every field; bindPassword omitted (or "") keeps the saved one. */
export const ZDirectorySettingsInput = zStrictInput(
  { ...shape, bindPassword: z.string().max(1024).optional() },
  "directory settings have",
);
export type DirectorySettingsInput = z.infer<typeof ZDirectorySettingsInput>;

export const ZDirectorySettingsResponse = z
  .object({
    settings: ZDirectorySettings,
    /** The password itself is never answered; only whether one is saved. */
    bindPasswordSet: z.boolean(),
    /** environment: BRANCHDESK_LDAP_URLS is set, and the page is read-only. */
    managedBy: z.enum(["database", "environment"]),
    updatedAt: z.iso.datetime().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: "DirectorySettingsResponse" });
export type DirectorySettingsResponse = z.infer<typeof ZDirectorySettingsResponse>;
