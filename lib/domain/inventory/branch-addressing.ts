import { addFieldError, type FieldErrors } from "../field-errors";
import { cidrBroadcast, cidrContains, cidrNetwork, type Cidr } from "../values/cidr";
import { isLinkLocal, type Ipv4 } from "../values/ipv4";
import { claimOn, type Claim } from "./claim";

/** What every address check of a branch needs to know about the branch. */
export type BranchAddressing = { lanCidr: Cidr; linkLocalPool: Cidr; gatewayLinkLocalIp: Ipv4 };

/**
 * A routable address for a guest or the gateway on the branch LAN: inside the
 * LAN, and never the network or broadcast address (the kernel treats those as
 * subnet-directed broadcast; an arpreply for them would answer for everyone).
 */
export function checkLanAddress(errors: FieldErrors, field: string, ip: Ipv4, lanCidr: Cidr): void {
  if (!cidrContains(lanCidr, ip)) addFieldError(errors, field, `${ip} is outside the branch LAN ${lanCidr}`);
  else if (ip === cidrNetwork(lanCidr)) addFieldError(errors, field, `${ip} is the network address of ${lanCidr}`);
  else if (ip === cidrBroadcast(lanCidr)) addFieldError(errors, field, `${ip} is the broadcast address of ${lanCidr}`);
}

/**
 * A host's link-local address: inside the branch's pool, not its network or
 * broadcast address, not the gateway's own link-local address, and not held
 * by another host of the branch (every branch reuses 169.254/16, so
 * uniqueness is per branch). RFC 3927's first and last /24 are accepted when
 * typed (fleets already use them; the RFC only forbids self-assigning them):
 * link-local-warnings.ts says so, and the allocator never picks them.
 */
export function checkHostLinkLocal(
  errors: FieldErrors,
  field: string,
  ip: Ipv4,
  branch: BranchAddressing,
  otherHosts: readonly Claim[],
): void {
  const pool = branch.linkLocalPool;
  const problem = (message: string) => addFieldError(errors, field, message);
  if (!isLinkLocal(ip)) return problem(`${ip} is not a link-local address (169.254.0.0/16)`);
  if (!cidrContains(pool, ip)) return problem(`${ip} is outside the branch's link-local pool ${pool}`);
  if (ip === cidrNetwork(pool) || ip === cidrBroadcast(pool))
    return problem(`${ip} is the network or broadcast address of the pool ${pool}`);
  if (ip === branch.gatewayLinkLocalIp) return problem(`${ip} is the gateway's link-local address`);
  const taken = claimOn(otherHosts, ip);
  if (taken) problem(`${ip} is already used by ${taken.owner} in this branch`);
}
