/**
 * What GET /api/v1/hosts?q= answers: a page of hosts, each with its branch
 * (link-local addresses repeat in every branch, so a result without it names
 * nothing), its guest, and which field matched, so the UI can say
 * "matched serial".
 */
import { z } from "zod";
import { HOST_STATES } from "./host-input";
import { SEARCH_FIELD_LABELS, SEARCH_FIELDS, type SearchField } from "./host-search";

export const ZHostSearchMatch = z
  .object({
    field: z.enum(SEARCH_FIELDS),
    exact: z.boolean().meta({ description: "the whole value matched (false: it starts with the query)" }),
  })
  .meta({ id: "HostSearchMatch", description: "the best of the fields that matched: exact first, then by field" });
export type HostSearchMatch = z.infer<typeof ZHostSearchMatch>;

export const ZHostSearchItem = z
  .object({
    id: z.number().int(),
    hostname: z.string(),
    state: z.enum(HOST_STATES),
    serial: z.string(),
    nicMac: z.string(),
    linkLocalIp: z.string(),
    branch: z.object({ code: z.string(), name: z.string() }),
    guest: z.object({ name: z.string(), domain: z.string(), ip: z.string(), mac: z.string() }).nullable(),
    matched: ZHostSearchMatch,
  })
  .meta({ id: "HostSearchItem" });
export type HostSearchItem = z.infer<typeof ZHostSearchItem>;

export const ZHostSearchResponse = z
  .object({
    q: z.string().meta({ description: "the query as searched (trimmed)" }),
    total: z.number().int().meta({ description: "hosts matching, over all pages" }),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(ZHostSearchItem),
  })
  .meta({ id: "HostSearchResponse" });
export type HostSearchResponse = z.infer<typeof ZHostSearchResponse>;

/** What matched, as the UI says it: "serial SN-0042-07", "guest IP 198.18.42.52 (starts with the query)". */
export function describeMatch(item: HostSearchItem): string {
  const { field, exact } = item.matched;
  const values: Record<SearchField, string | undefined> = {
    hostname: item.hostname,
    guestName: item.guest?.name,
    guestDomain: item.guest?.domain,
    guestIp: item.guest?.ip,
    guestMac: item.guest?.mac,
    nicMac: item.nicMac,
    serial: item.serial,
    linkLocalIp: item.linkLocalIp,
  };
  return `${SEARCH_FIELD_LABELS[field]} ${values[field] ?? ""}${exact ? "" : " (starts with the query)"}`.trim();
}
