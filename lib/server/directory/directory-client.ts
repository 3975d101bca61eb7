import {
  AndFilter,
  Client,
  EqualityFilter,
  FilterParser,
  ResultCodeError,
  SizeLimitExceededError,
  type Filter,
} from "ldapts";
import type { DirectoryConfig } from "@/lib/domain/directory/directory-settings";

/** One replica that could not be used, and why (for the message and the audit log). */
export type ReplicaFailure = { url: string; reason: string };

export class DirectoryUnreachable extends Error {
  constructor(readonly failures: ReplicaFailure[]) {
    super(`directory unreachable: ${failures.map((f) => `${f.url} (${f.reason})`).join(", ")}`);
  }
}

/** The directory answered, but refused the search account or the search: a configuration fault, not an outage. */
export class DirectoryRefused extends Error {}

const SOCKET_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "no such host name",
  ETIMEDOUT: "timed out",
};

function reasonOf(error: unknown, timeoutMs: number): string {
  const e = error as { code?: unknown; message?: string; name?: string };
  if (typeof e?.code === "string" && SOCKET_CODES[e.code]) return SOCKET_CODES[e.code]!;
  const message = e?.message ?? String(error);
  if (/timeout|timed out/i.test(message) || e?.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  if (/certificate|self.signed|CERT_|unable to verify/i.test(message)) return `TLS: ${message} (check caPem)`;
  return message.slice(0, 200);
}

/**
 * Runs `work` on the first replica that answers, bound as the search account. Each
 * replica gets a TCP connect timeout and a per-operation timeout of `timeoutMs`, and the
 * whole attempt a hard cap of twice that (a TLS handshake that stalls has no timeout of
 * its own), so an outage costs at most about 2 x timeoutMs per replica. A replica whose
 * socket or TLS fails is skipped; an LDAP answer (the search account refused, no such
 * base) is the same on every replica and ends the attempt as DirectoryRefused.
 */
export async function withDirectory<T>(config: DirectoryConfig, work: (client: Client) => Promise<T>): Promise<T> {
  const failures: ReplicaFailure[] = [];
  for (const url of config.urls) {
    const tlsOptions = { ca: [config.caPem], minVersion: "TLSv1.2" as const };
    const client = new Client({
      url,
      timeout: config.timeoutMs,
      connectTimeout: config.timeoutMs,
      ...(config.tls === "ldaps" ? { tlsOptions } : {}),
    });
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out`)), 2 * config.timeoutMs);
    });
    try {
      const attempt = (async () => {
        if (config.tls === "starttls") await client.startTLS(tlsOptions);
        try {
          await client.bind(config.bindDn, config.bindPassword);
        } catch (error) {
          if (error instanceof ResultCodeError) {
            throw new DirectoryRefused(`the directory refused the search account ${config.bindDn}: ${error.message}`);
          }
          throw error;
        }
        return work(client);
      })();
      return await Promise.race([attempt, cap]);
    } catch (error) {
      if (error instanceof DirectoryRefused) throw error;
      if (error instanceof ResultCodeError) throw new DirectoryRefused(`the directory refused: ${error.message}`);
      failures.push({ url, reason: reasonOf(error, config.timeoutMs) });
    } finally {
      clearTimeout(timer);
      // Not awaited: on a dead replica an unbind would wait for the timeout once more.
      client.unbind().catch(() => undefined);
    }
  }
  throw new DirectoryUnreachable(failures);
}

/** The user filter: the configured one AND usernameAttribute=<username>, escaped by ldapts. */
export function userFilter(config: DirectoryConfig, username: string): Filter {
  const byName = new EqualityFilter({ attribute: config.usernameAttribute, value: username });
  if (!config.userFilter) return byName;
  return new AndFilter({ filters: [FilterParser.parseString(config.userFilter), byName] });
}

export type DirectoryEntry = { dn: string; groups: string[] };

const values = (v: unknown): string[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString("utf8") : String(x)));

/**
 * The one entry for `username`, with its groups; null when there is none, or more than
 * one (an ambiguous login must match nobody rather than the first of several).
 */
export async function findUser(
  client: Client,
  config: DirectoryConfig,
  username: string,
): Promise<DirectoryEntry | null> {
  let searchEntries;
  try {
    ({ searchEntries } = await client.search(config.userBase, {
      scope: "sub",
      filter: userFilter(config, username),
      attributes: ["memberOf", config.usernameAttribute],
      sizeLimit: 2,
      timeLimit: Math.ceil(config.timeoutMs / 1000),
    }));
  } catch (error) {
    if (error instanceof SizeLimitExceededError) return null;
    throw error;
  }
  if (searchEntries.length !== 1) return null;
  const entry = searchEntries[0]!;
  // The search is case-insensitive for uid; the name must still be exactly one of the entry's values.
  const names = values(entry[config.usernameAttribute]);
  if (!names.some((n) => n.toLowerCase() === username.toLowerCase())) return null;
  return { dn: entry.dn, groups: config.groupMode === "memberOf" ? values(entry.memberOf) : [] };
}

/** Group mode member / uniqueMember: the DNs of the groups under groupBase that list `dn`. */
export async function groupsListing(client: Client, config: DirectoryConfig, dn: string): Promise<string[]> {
  if (config.groupMode === "memberOf") return [];
  const { searchEntries } = await client.search(config.groupBase, {
    scope: "sub",
    filter: new EqualityFilter({ attribute: config.groupMode, value: dn }),
    attributes: ["1.1"],
    sizeLimit: 1000,
    timeLimit: Math.ceil(config.timeoutMs / 1000),
  });
  return searchEntries.map((e) => e.dn);
}
