import { err, ok, type Result } from "../result";
import { intToIpv4, ipv4ToInt, parseIpv4, type Ipv4 } from "./ipv4";

/** An IPv4 network in canonical form: the network address and prefix ("198.18.4.0/24"). */
export type Cidr = string & { readonly __brand: "Cidr" };

/**
 * Parses "a.b.c.d/n". Host bits must be zero: "198.18.4.1/24" is refused rather
 * than silently widened, because a typo in a LAN definition should be seen.
 */
export function parseCidr(input: unknown): Result<Cidr> {
  if (typeof input !== "string") return err("must be a string");
  const slash = input.indexOf("/");
  if (slash < 0) return err(`${JSON.stringify(input)} is not a CIDR (expected a.b.c.d/n)`);
  const ip = parseIpv4(input.slice(0, slash));
  if (!ip.ok) return err(`${JSON.stringify(input)} is not a CIDR: ${ip.error}`);
  const prefixText = input.slice(slash + 1);
  if (!/^(\d|[12]\d|3[0-2])$/.test(prefixText)) return err(`${input} has an invalid prefix length (0-32)`);
  const prefix = Number(prefixText);
  const base = ipv4ToInt(ip.value);
  if ((base & ~maskInt(prefix)) >>> 0 !== 0) {
    return err(`${input} has host bits set; did you mean ${intToIpv4((base & maskInt(prefix)) >>> 0)}/${prefix}?`);
  }
  return ok(input as Cidr);
}

export function makeCidr(ip: Ipv4, prefix: number): Cidr {
  return `${intToIpv4((ipv4ToInt(ip) & maskInt(prefix)) >>> 0)}/${prefix}` as Cidr;
}

function maskInt(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function cidrPrefix(c: Cidr): number {
  return Number(c.slice(c.indexOf("/") + 1));
}

export function cidrNetwork(c: Cidr): Ipv4 {
  return c.slice(0, c.indexOf("/")) as Ipv4;
}

export function cidrBroadcast(c: Cidr): Ipv4 {
  return intToIpv4((ipv4ToInt(cidrNetwork(c)) | ~maskInt(cidrPrefix(c))) >>> 0);
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - cidrPrefix(c));
}

export function cidrContains(c: Cidr, ip: Ipv4): boolean {
  return (ipv4ToInt(ip) & maskInt(cidrPrefix(c))) >>> 0 === ipv4ToInt(cidrNetwork(c));
}

/** True when every address of `inner` is inside `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return cidrPrefix(inner) >= cidrPrefix(outer) && cidrContains(outer, cidrNetwork(inner));
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, cidrNetwork(b)) || cidrContains(b, cidrNetwork(a));
}
