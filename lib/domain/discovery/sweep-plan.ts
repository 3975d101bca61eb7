import { cidrBroadcast, cidrContains, cidrNetwork, type Cidr } from "../values/cidr";
import { compareIpv4, intToIpv4, ipv4ToInt, isLinkLocal, type Ipv4 } from "../values/ipv4";

/**
 * How much of a branch's link-local pool a discovery sweeps. A /16 pool is
 * 65,024 usable addresses: pinging all of them from a gateway would take
 * minutes and leave that many INCOMPLETE/FAILED entries in its neighbour
 * table, past the kernel's gc_thresh3 (1024 by default), where "neighbour
 * table overflow" starts evicting live entries (the guests' too). So only what
 * is plausible is swept:
 * - `window` addresses from where the allocator starts (it hands out the
 *   lowest free address, so a branch's hosts sit at the bottom of the pool);
 * - or, when the branch already has hosts higher up, up to the highest one
 *   plus `headroom`;
 * - plus every address already in the gateway's neighbour table inside the
 *   pool (a box someone addressed by hand, far from the others);
 * and never more than `maxAddresses` in all.
 */
export type SweepBounds = { window: number; headroom: number; maxAddresses: number };

/** 256 from 169.254.1.0 covers a full branch (its LAN /24 holds at most ~250 guests, one per host). */
export const DEFAULT_SWEEP_BOUNDS: SweepBounds = { window: 256, headroom: 32, maxAddresses: 512 };

export type SweepPlanInput = {
  pool: Cidr;
  gatewayIp: Ipv4;
  /** Link-local addresses of the branch's enrolled hosts: known, so not swept. */
  enrolled: readonly Ipv4[];
  /** Addresses in the gateway's neighbour table before the sweep. */
  known: readonly Ipv4[];
  /**
   * Entries configured by hand on the gateway (PERMANENT, NOARP): never swept. `ip neigh replace ... use`
   * replaces an entry (a PERMANENT one ends up FAILED on Linux 6.x), and they prove nothing about a box.
   */
  configured?: readonly Ipv4[];
  bounds?: SweepBounds;
};

export type SweepPlan = {
  /** Sorted, unique; never the gateway's, an enrolled host's nor a hand-configured entry's address. */
  addresses: Ipv4[];
  /** The contiguous range swept from the allocator's start (inclusive); null when the pool has none. */
  range: { first: Ipv4; last: Ipv4 } | null;
  /** Addresses added from the neighbour table, outside the range. */
  fromNeighbours: number;
  /** True when maxAddresses cut the list short. */
  truncated: boolean;
};

/** The plan for one discovery: a pure function of the pool, the inventory and the neighbour table. */
export function planSweep(input: SweepPlanInput): SweepPlan {
  const bounds = input.bounds ?? DEFAULT_SWEEP_BOUNDS;
  const { start, end } = allocatorSpan(input.pool);
  const highest = Math.max(start - 1, ...input.enrolled.filter((ip) => inPool(input.pool, ip)).map(ipv4ToInt));
  const span = Math.max(bounds.window, highest - start + 1 + bounds.headroom);
  const last = Math.min(end, start + Math.min(span, bounds.maxAddresses) - 1);

  const skip = new Set([input.gatewayIp, ...input.enrolled, ...(input.configured ?? [])]);
  const out = new Set<Ipv4>();
  // Known neighbours first: they are evidence of a box, the range is only a guess.
  const extra = [...new Set(input.known)]
    .filter((ip) => inPool(input.pool, ip) && !skip.has(ip))
    .filter((ip) => ipv4ToInt(ip) < start || ipv4ToInt(ip) > last)
    .sort(compareIpv4);
  let truncated = false;
  for (const ip of extra) {
    if (out.size >= bounds.maxAddresses) truncated = true;
    else out.add(ip);
  }
  const fromNeighbours = out.size;
  for (let n = start; n <= last; n++) {
    const ip = intToIpv4(n);
    if (skip.has(ip)) continue;
    if (out.size >= bounds.maxAddresses) {
      truncated = true;
      break;
    }
    out.add(ip);
  }
  return {
    addresses: [...out].sort(compareIpv4),
    range: last >= start ? { first: intToIpv4(start), last: intToIpv4(last) } : null,
    fromNeighbours,
    truncated,
  };
}

/** Where the allocator starts and stops in this pool (RFC 3927's first and last /24 excluded). */
function allocatorSpan(pool: Cidr): { start: number; end: number } {
  const first = ipv4ToInt(cidrNetwork(pool)) + 1;
  const last = ipv4ToInt(cidrBroadcast(pool)) - 1;
  const lowest = ipv4ToInt("169.254.1.0" as Ipv4);
  const highest = ipv4ToInt("169.254.254.255" as Ipv4);
  return { start: Math.max(first, lowest), end: Math.min(last, highest) };
}

/** A usable address of the pool: link-local, inside it, not its network or broadcast address. */
export function inPool(pool: Cidr, ip: Ipv4): boolean {
  return isLinkLocal(ip) && cidrContains(pool, ip) && ip !== cidrNetwork(pool) && ip !== cidrBroadcast(pool);
}
