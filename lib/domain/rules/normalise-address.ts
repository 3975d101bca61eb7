/**
 * Canonical spellings for addresses as dumps print them.
 * - IPv4 with optional mask: "203.0.113.5", "203.0.113.5/32",
 *   "203.0.113.5/255.255.255.255" (old iptables printed dotted masks) are one
 *   address; host bits under a shorter mask are cleared as the kernel does.
 * - MAC: ebtables-legacy prints through ether_ntoa without zero padding
 *   ("52:54:0:1:2:a"); ebtables-nft pads ("52:54:00:01:02:0a").
 * Values that are neither stay as written: they are compared verbatim.
 */
import { makeCidr } from "../values/cidr";
import { ipv4ToInt, parseIpv4 } from "../values/ipv4";

function prefixOf(mask: string): number | null {
  if (/^(\d|[12]\d|3[0-2])$/.test(mask)) return Number(mask);
  const m = parseIpv4(mask);
  if (!m.ok) return null;
  const n = ipv4ToInt(m.value);
  const prefix = 32 - Math.log2(2 ** 32 - n);
  return Number.isInteger(prefix) ? prefix : null;
}

/** "a.b.c.d[/mask]" as "net/prefix"; `/32` is dropped when `bareHost` (ebtables style). */
export function normaliseIpv4(value: string, bareHost: boolean): string {
  const [addr = "", mask, extra] = value.split("/");
  const ip = parseIpv4(addr);
  if (!ip.ok || extra !== undefined) return value;
  const prefix = mask === undefined ? 32 : prefixOf(mask);
  if (prefix === null) return value;
  if (prefix === 32) return bareHost ? ip.value : `${ip.value}/32`;
  return makeCidr(ip.value, prefix);
}

const LOOSE_MAC = /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i;

/** Pads and lower-cases a MAC (and a MAC mask after "/"); other values unchanged. */
export function normaliseMac(value: string): string {
  const parts = value.split("/");
  if (parts.length > 2 || !parts.every((p) => LOOSE_MAC.test(p))) return value;
  return parts
    .map((p) =>
      p
        .split(":")
        .map((o) => o.toLowerCase().padStart(2, "0"))
        .join(":"),
    )
    .join("/");
}
