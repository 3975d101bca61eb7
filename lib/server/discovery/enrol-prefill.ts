import { isLinkLocal, parseIpv4 } from "@/lib/domain/values/ipv4";
import { parseMac } from "@/lib/domain/values/mac";
import type { EnrolPrefill } from "@/lib/domain/discovery/enrol-prefill-view";
import { parseHostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";

export type { EnrolPrefill };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The new-host form's pre-fill from a discovery (?linkLocalIp=&nicMac=&hostKey=):
 * each value parsed as the API would, anything else dropped (the form then
 * starts blank there; a URL is no place to report errors). The techie still
 * types the serial and the guest.
 */
export function parseEnrolPrefill(params: SearchParams): EnrolPrefill {
  const one = (k: string) => (typeof params[k] === "string" ? params[k] : undefined);
  const out: EnrolPrefill = {};
  const ip = parseIpv4(one("linkLocalIp"));
  if (ip.ok && isLinkLocal(ip.value)) out.linkLocalIp = ip.value;
  const mac = parseMac(one("nicMac"));
  if (mac.ok) out.nicMac = mac.value;
  const key = parseHostKeyFingerprint(one("hostKey"));
  if (key.ok) out.hostKey = key.value;
  return out;
}
