import ipaddr from "ipaddr.js";
import { err, ok, type Result } from "../result";

/** A dotted-quad IPv4 address in canonical form ("198.51.100.7"). */
export type Ipv4 = string & { readonly __brand: "Ipv4" };

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Strict parse: four decimal octets, no leading zeros (which some tools read as
 * octal), no shorthand ("10.1"), no surrounding whitespace.
 */
export function parseIpv4(input: unknown): Result<Ipv4> {
  if (typeof input !== "string") return err("must be a string");
  const m = DOTTED_QUAD.exec(input);
  if (!m) return err(`${JSON.stringify(input)} is not an IPv4 address`);
  for (const octet of m.slice(1)) {
    if (octet.length > 1 && octet.startsWith("0")) return err(`${input} has a leading zero in an octet`);
    if (Number(octet) > 255) return err(`${input} is not an IPv4 address (octet ${octet} > 255)`);
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(input)) return err(`${input} is not an IPv4 address`);
  return ok(input as Ipv4);
}

export function ipv4ToInt(ip: Ipv4): number {
  return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function intToIpv4(n: number): Ipv4 {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`not a 32-bit address: ${n}`);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".") as Ipv4;
}

export function isLinkLocal(ip: Ipv4): boolean {
  return ipaddr.IPv4.parse(ip).range() === "linkLocal";
}

/**
 * Unicast and usable as a host address: not 0/8, loopback, multicast, the
 * limited broadcast or class E (240/4). ipaddr.js files the documentation
 * ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 198.18/15) under "reserved"
 * together with 240/4; they are ordinary unicast and the only ranges the lab
 * may use, so class E is checked by prefix instead of by that label.
 */
export function isUsableUnicast(ip: Ipv4): boolean {
  const range = ipaddr.IPv4.parse(ip).range();
  if (["unspecified", "broadcast", "multicast", "loopback"].includes(range)) return false;
  return ipv4ToInt(ip) < 0xf0000000;
}

export function compareIpv4(a: Ipv4, b: Ipv4): number {
  return ipv4ToInt(a) - ipv4ToInt(b);
}
