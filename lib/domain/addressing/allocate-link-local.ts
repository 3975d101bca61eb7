/**
 * Link-local address allocation for a host inside one branch.
 *
 * Every branch reuses 169.254.0.0/16 by design (the LAN /24 is full of guests),
 * so uniqueness is per branch: the caller passes the branch's pool, the
 * gateway's link-local address and every link-local address already held by a
 * host of that branch. The answer is the lowest free address, so the result is
 * a pure function of the inventory and two enrolments racing for the same slot
 * are caught by the database transaction that calls this (and by its unique
 * constraint), not by randomness.
 *
 * Never offered:
 * - the pool's network and broadcast addresses;
 * - 169.254.0.0/24 and 169.254.255.0/24, which RFC 3927 section 2.1 reserves
 *   ("the first 256 and last 256 addresses ... are reserved for future use
 *   and MUST NOT be selected by a host");
 * - the gateway's own link-local address and every address in `used`.
 *
 * Stability is the caller's half of the contract: allocate once, when the host
 * is created, and store the answer; never re-run allocation for an existing
 * host (only an operator re-addresses one).
 */
import { err, ok, type Result } from "../result";
import { cidrBroadcast, cidrNetwork, cidrWithin, parseCidr, type Cidr } from "../values/cidr";
import { intToIpv4, ipv4ToInt, type Ipv4 } from "../values/ipv4";

export type LinkLocalAllocationInput = {
  /** The branch's link-local pool, inside 169.254.0.0/16 (usually all of it). */
  pool: Cidr;
  /** The gateway's link-local address: hosts must never be given it. */
  gatewayIp: Ipv4;
  /** Link-local addresses already held by hosts of this branch. */
  used: readonly Ipv4[];
};

const LINK_LOCAL = "169.254.0.0/16" as Cidr;
const RESERVED_LOW_END = ipv4ToInt("169.254.0.255" as Ipv4);
const RESERVED_HIGH_START = ipv4ToInt("169.254.255.0" as Ipv4);

export function isReservedLinkLocal(ip: Ipv4): boolean {
  const n = ipv4ToInt(ip);
  const inRange = n >>> 16 === 0xa9fe;
  return inRange && (n <= RESERVED_LOW_END || n >= RESERVED_HIGH_START);
}

export function allocateLinkLocal(input: LinkLocalAllocationInput): Result<Ipv4> {
  const pool = parseCidr(input.pool);
  if (!pool.ok) return err(`pool: ${pool.error}`);
  if (!cidrWithin(pool.value, LINK_LOCAL)) {
    return err(`pool: ${input.pool} is not inside ${LINK_LOCAL}; hosts get link-local addresses only`);
  }
  const taken = new Set<number>(input.used.map(ipv4ToInt));
  taken.add(ipv4ToInt(input.gatewayIp));
  const first = ipv4ToInt(cidrNetwork(pool.value)) + 1;
  const last = ipv4ToInt(cidrBroadcast(pool.value)) - 1;
  for (let n = Math.max(first, RESERVED_LOW_END + 1); n <= Math.min(last, RESERVED_HIGH_START - 1); n++) {
    if (!taken.has(n)) return ok(intToIpv4(n));
  }
  return err(
    `pool: no free link-local address left in ${input.pool} ` +
      `(${input.used.length} in use, gateway ${input.gatewayIp}, RFC 3927 reserved /24s excluded)`,
  );
}
