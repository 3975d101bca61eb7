import { z } from "zod";
import { ZRole } from "../role";
import { DEFAULT_DIRECTORY_SETTINGS, ZDirectorySettings, type DirectorySettings } from "./directory-settings";

type Env = Record<string, string | undefined>;

/** The variables, documented in docs/directory.md; BRANCHDESK_LDAP_URLS switches the rest on. */
export const LDAP_ENV = {
  urls: "BRANCHDESK_LDAP_URLS",
  tls: "BRANCHDESK_LDAP_TLS",
  caFile: "BRANCHDESK_LDAP_CA_FILE",
  bindDn: "BRANCHDESK_LDAP_BIND_DN",
  bindPassword: "BRANCHDESK_LDAP_BIND_PASSWORD",
  userBase: "BRANCHDESK_LDAP_USER_BASE",
  userFilter: "BRANCHDESK_LDAP_USER_FILTER",
  usernameAttribute: "BRANCHDESK_LDAP_USERNAME_ATTRIBUTE",
  groupMode: "BRANCHDESK_LDAP_GROUP_MODE",
  groupBase: "BRANCHDESK_LDAP_GROUP_BASE",
  roleMap: "BRANCHDESK_LDAP_ROLE_MAP",
  timeoutMs: "BRANCHDESK_LDAP_TIMEOUT_MS",
  recheckSeconds: "BRANCHDESK_LDAP_RECHECK_SECONDS",
} as const;

const ZEnvRoleMap = z.record(z.string(), ZRole);

/**
 * The directory settings from the environment, or null when BRANCHDESK_LDAP_URLS is unset
 * (the database row applies). The CA comes as a file path (the caller reads it; this
 * stays pure): `caPem` is that file's text. Throws naming the variable when one is wrong,
 * so a misconfigured dashboard stops at start-up rather than at the first sign-in.
 */
export function directorySettingsFromEnv(
  env: Env,
  readCaFile: (path: string) => string,
): { settings: DirectorySettings; bindPassword: string } | null {
  const urls = env[LDAP_ENV.urls]?.trim();
  if (!urls) return null;
  const d = DEFAULT_DIRECTORY_SETTINGS;
  const num = (name: string, fallback: number) => (env[name]?.trim() ? Number(env[name]) : fallback);
  let roleMap: DirectorySettings["roleMap"] = [];
  const mapText = env[LDAP_ENV.roleMap]?.trim();
  if (mapText) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(mapText);
    } catch {
      throw new Error(`${LDAP_ENV.roleMap} is not JSON: give {"cn=noc,ou=groups,dc=bank,dc=example": "operator"}`);
    }
    const map = ZEnvRoleMap.safeParse(parsed);
    if (!map.success) throw new Error(`${LDAP_ENV.roleMap}: each value must be viewer, operator or admin`);
    roleMap = Object.entries(map.data).map(([groupDn, role]) => ({ groupDn, role }));
  }
  const caFile = env[LDAP_ENV.caFile]?.trim();
  const candidate = {
    enabled: true,
    urls: urls.split(/[\s,]+/).filter(Boolean),
    tls: env[LDAP_ENV.tls]?.trim() || d.tls,
    caPem: caFile ? readCaFile(caFile) : "",
    bindDn: env[LDAP_ENV.bindDn] ?? "",
    userBase: env[LDAP_ENV.userBase] ?? "",
    userFilter: env[LDAP_ENV.userFilter] ?? d.userFilter,
    usernameAttribute: env[LDAP_ENV.usernameAttribute]?.trim() || d.usernameAttribute,
    groupMode: env[LDAP_ENV.groupMode]?.trim() || d.groupMode,
    groupBase: env[LDAP_ENV.groupBase] ?? "",
    roleMap,
    timeoutMs: num(LDAP_ENV.timeoutMs, d.timeoutMs),
    recheckSeconds: num(LDAP_ENV.recheckSeconds, d.recheckSeconds),
  };
  const parsed = ZDirectorySettings.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]) as keyof typeof LDAP_ENV;
    throw new Error(`${LDAP_ENV[field] ?? field}: ${issue.message}`);
  }
  return { settings: parsed.data, bindPassword: env[LDAP_ENV.bindPassword] ?? "" };
}
