import { err, ok, type Result } from "../result";
import { parseHostname, type Hostname } from "./hostname";
import { ipv4ToInt, parseIpv4, type Ipv4 } from "./ipv4";

/**
 * Where head office reaches a gateway's sshd: a canonical dotted quad that is
 * ordinary unicast, or a DNS name. Anything else could point the dashboard's
 * SSH client (which scans keys and logs in with the fleet key) at its own
 * machine or at a cloud metadata service (issue 8: a host-key scan to
 * 0x7f.0.0.1:3101 reached the dashboard's loopback).
 */
export type SshAddress = Ipv4 | Hostname;

export type SshAddressOptions = {
  /** Tests only: their throwaway sshd listens on 127.0.0.1. Every other rule still holds. */
  allowLoopback?: boolean;
};

/** Ranges a gateway's head-office address can never be in, first match wins. */
const REFUSED_RANGES: Array<{ base: number; bits: number; why: string }> = [
  { base: 0x00000000, bits: 8, why: "is in 0.0.0.0/8 ('this network'), which no box can be reached at" },
  { base: 0x7f000000, bits: 8, why: "is a loopback address (127.0.0.0/8): it would reach the dashboard's own machine" },
  {
    base: 0xa9fe0000,
    bits: 16,
    why:
      "is link-local (169.254.0.0/16): head office never reaches a gateway there, " +
      "and 169.254.169.254 is a cloud metadata service",
  },
  { base: 0xe0000000, bits: 4, why: "is multicast (224.0.0.0/4), not one box" },
  { base: 0xffffffff, bits: 32, why: "is the broadcast address" },
  { base: 0xf0000000, bits: 4, why: "is reserved (240.0.0.0/4), not a usable unicast address" },
];

/** Why an IPv4 address may not be SSHed to from head office ("is a loopback address ..."), or null when it may. */
export function sshIpProblem(ip: Ipv4, options: SshAddressOptions = {}): string | null {
  const n = ipv4ToInt(ip);
  for (const range of REFUSED_RANGES) {
    if (options.allowLoopback && range.base === 0x7f000000) continue;
    // >>> 0 keeps the masked value unsigned, so it compares equal to base.
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if ((n & mask) >>> 0 === range.base) return range.why;
  }
  return null;
}

/**
 * True when a resolver would read the name as a number, not look it up:
 * inet_aton (used by getaddrinfo, ssh and curl) takes hex, octal, 1-4 parts and
 * a bare integer, and the WHATWG URL parser reads any name whose last label is
 * numeric as IPv4. No real DNS name ends in an all-numeric label (RFC 3696 §2),
 * so that one test covers every such spelling.
 */
export function isNumericLookingName(name: string): boolean {
  const last = name.toLowerCase().split(".").pop() ?? "";
  return /^(0x[0-9a-f]*|[0-9]+)$/.test(last);
}

/** Save-time check: the literal must be allowed, the name must be one a resolver will look up. */
export function parseSshAddress(input: unknown, options: SshAddressOptions = {}): Result<SshAddress> {
  if (typeof input !== "string") return err("must be a string");
  const ip = parseIpv4(input);
  if (ip.ok) {
    const problem = sshIpProblem(ip.value, options);
    return problem ? err(`${ip.value} ${problem}; use the gateway's head-office address`) : ip;
  }
  const name = parseHostname(input);
  if (!name.ok) return err(`${JSON.stringify(input)} is neither an IPv4 address nor a host name`);
  if (isNumericLookingName(name.value)) {
    return err(
      `${JSON.stringify(input)} reads as a number-form IPv4 address (hex, octal, shortened or one integer); ` +
        "write an address as a dotted quad of decimals, e.g. 203.0.113.10",
    );
  }
  if (name.value === "localhost" || name.value.endsWith(".localhost")) {
    return err(
      `${JSON.stringify(input)} is a localhost name, which always means the dashboard's own machine ` + "(RFC 6761)",
    );
  }
  return ok(name.value);
}
