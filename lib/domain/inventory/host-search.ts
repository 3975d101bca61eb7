/**
 * The fleet-wide host search (issue 10, "Finding the desktop first"): a call
 * comes in with a desktop name, a guest IP, a MAC or a serial, and the techie
 * types it as it was read out. This turns that text into lookups, one per field
 * it could be, each an exact-or-prefix match on the field's normalised value,
 * so the database answers every one from an index range (lib/server/inventory/
 * search-hosts.ts). Pure: no I/O.
 */
import { z } from "zod";
import { parseIpv4 } from "../values/ipv4";
import { parseMac } from "../values/mac";
import { zLabel } from "./zod-values";

/** Fields a host is found by, in the order a tie between equally exact matches is broken. */
export const SEARCH_FIELDS = [
  "hostname",
  "guestName",
  "guestDomain",
  "guestIp",
  "guestMac",
  "nicMac",
  "serial",
  "linkLocalIp",
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** How the UI says which field matched ("matched serial"). */
export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  hostname: "hostname",
  guestName: "guest name",
  guestDomain: "guest domain",
  guestIp: "guest IP",
  guestMac: "guest MAC",
  nicMac: "NIC MAC",
  serial: "serial",
  linkLocalIp: "link-local address",
};

/** Longer than any hostname a techie reads out, shorter than anything worth a query plan. */
export const SEARCH_QUERY_MAX = 100;
export const SEARCH_PAGE_SIZE_MAX = 100;
export const SEARCH_PAGE_MAX = 10_000;

const UNKNOWN_PARAMETER = "unknown query parameter; the host search takes q, page, pageSize";

/** GET /api/v1/hosts?q=: strict, so a typo'd parameter ("qq", "pagesize") is refused, not ignored. */
export const ZHostSearchQuery = z.strictObject(
  {
    q: zLabel(SEARCH_QUERY_MAX, "hostname, guest name or domain, guest IP, MAC (any spelling), serial or link-local")
      // zLabel's own description names the rule; this one names what is matched.
      .meta({
        description:
          "text to find: hostname, guest name or libvirt domain, guest IP, host NIC or guest MAC " +
          "(52:54:00:aa:bb:cc, 52-54-00-AA-BB-CC, 5254.00aa.bbcc), serial (any case) or link-local address; " +
          `exact matches first, then prefixes; 1-${SEARCH_QUERY_MAX} characters`,
      }),
    page: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(1).meta({ description: "1 for the first" }),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(SEARCH_PAGE_SIZE_MAX)
      .default(20)
      .meta({ description: `results per page (20 by default, at most ${SEARCH_PAGE_SIZE_MAX})` }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? UNKNOWN_PARAMETER : undefined) },
);
export type HostSearchQuery = z.infer<typeof ZHostSearchQuery>;

/** One field to look in, and the normalised text its value must equal or start with. */
export type SearchLookup = { field: SearchField; value: string };

// What each field can hold once normalised (lower-cased where the search ignores case): a query
// outside a field's alphabet cannot match it, and its lookup is skipped.
const HOSTNAME = /^[a-z0-9.-]+$/;
const DOMAIN = /^[a-z0-9._-]+$/;
const SERIAL = /^[a-z0-9._/-]+$/;
// Dotted decimal, possibly cut short: "198.18.", "198.18.3.1". At least one dot: a bare
// number is more often part of a hostname or serial, and would match every address.
const PARTIAL_IPV4 = /^(\d{1,3})\.(?:(\d{1,3})(?:\.(?:(\d{1,3})(?:\.(\d{1,3})?)?)?)?)?$/;
const LINK_LOCAL = "169.254.";

/**
 * ASCII-only lower case: SQLite's lower() folds ASCII only, so both databases
 * and this agree on what "any case" means ("É" stays "É" everywhere).
 */
export function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The lookups `q` stands for (already trimmed by the query schema), strongest reading first. */
export function searchLookups(q: string): SearchLookup[] {
  const text = foldCase(q);
  const out: SearchLookup[] = [];
  if (HOSTNAME.test(text)) out.push({ field: "hostname", value: text });
  out.push({ field: "guestName", value: text });
  if (DOMAIN.test(text)) out.push({ field: "guestDomain", value: text });
  const ip = ipNeedle(q);
  if (ip !== null) {
    out.push({ field: "guestIp", value: ip });
    if (ip.startsWith(LINK_LOCAL) || LINK_LOCAL.startsWith(ip)) out.push({ field: "linkLocalIp", value: ip });
  }
  const mac = macNeedle(q);
  if (mac !== null) out.push({ field: "guestMac", value: mac }, { field: "nicMac", value: mac });
  if (SERIAL.test(text)) out.push({ field: "serial", value: text });
  return out;
}

/** A whole IPv4 address (canonical), or the start of one ("198.18.3."), as stored addresses begin. */
export function ipNeedle(q: string): string | null {
  const whole = parseIpv4(q);
  if (whole.ok) return whole.value;
  const m = PARTIAL_IPV4.exec(q);
  if (!m) return null;
  const octets = m.slice(1).filter((o): o is string => o !== undefined);
  // Every octet typed so far must be one an address can have: no leading zero, at most 255.
  const fits = octets.every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith("0")));
  return fits ? q : null;
}

const CISCO = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;
// A MAC cut short, in the spellings parseMac accepts and Cisco's dotted one: pairs split by ":" or
// "-" ("52:54:00:a", "52-"), groups of four split by "." ("5254.00a"), or bare hex of at least an
// OUI ("525400": shorter bare hex is more often a word or a serial than a MAC).
const GROUPS: Record<string, { width: number; most: number }> = {
  ":": { width: 2, most: 6 },
  "-": { width: 2, most: 6 },
  ".": { width: 4, most: 3 },
};
const BARE = /^[0-9a-f]{6,11}$/i;

/**
 * A whole MAC in any common spelling, normalised by parseMac to lower-case
 * colons ("52-54-00-AA-BB-CC", "5254.00aa.bbcc" -> "52:54:00:aa:bb:cc"), or
 * the start of one in the same form ("52:54:00:a"), as stored MACs begin.
 */
export function macNeedle(q: string): string | null {
  const cisco = CISCO.exec(q);
  const whole = parseMac(cisco ? cisco.slice(1).join("") : q);
  if (whole.ok) return whole.value;
  if (!BARE.test(q) && !isPartialMac(q)) return null;
  const hex = q.replace(/[:.-]/g, "").toLowerCase();
  // 12 digits is a whole MAC parseMac refused (multicast, all-zero): no NIC has it.
  if (hex.length >= 12) return null;
  return hex.match(/.{1,2}/g)!.join(":");
}

/** Hex groups of the separator's width, one separator throughout, the last group possibly short. */
function isPartialMac(q: string): boolean {
  const separators = new Set(q.replace(/[0-9a-f]/gi, ""));
  if (separators.size !== 1) return false;
  const [separator] = separators;
  const rule = Object.hasOwn(GROUPS, separator!) ? GROUPS[separator!] : undefined;
  if (!rule) return false;
  const groups = q.split(separator!);
  const last = groups.pop()!;
  return groups.length < rule.most && groups.every((g) => g.length === rule.width) && last.length <= rule.width;
}

/**
 * The half-open range [lo, hi) holding exactly the strings that start with
 * `prefix`, in code-point order (SQLite's BINARY and PostgreSQL's "C"
 * collation): hi is the prefix with its last character's successor. An index
 * answers it with one range scan, where LIKE 'q%' needs a collation SQLite's
 * indexes here do not have. hi is null when no string is above every match.
 */
export function prefixRange(prefix: string): { lo: string; hi: string | null } {
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = chars.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      // Skip the surrogate block: a lone surrogate is not text either database can hold.
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return { lo: prefix, hi: chars.join("") + String.fromCodePoint(next) };
    }
  }
  return { lo: prefix, hi: null };
}

/**
 * A match's place in the results: every exact match before every prefix
 * match, then by field (SEARCH_FIELDS' order). The database orders by it.
 */
export function matchRank(field: SearchField, exact: boolean): number {
  return (exact ? 0 : SEARCH_FIELDS.length) + SEARCH_FIELDS.indexOf(field);
}

/** The field and exactness a rank stands for (the inverse of matchRank). */
export function rankMatch(rank: number): { field: SearchField; exact: boolean } {
  const field = SEARCH_FIELDS[rank % SEARCH_FIELDS.length];
  if (field === undefined || rank < 0 || rank >= 2 * SEARCH_FIELDS.length) throw new RangeError(`no rank ${rank}`);
  return { field, exact: rank < SEARCH_FIELDS.length };
}
