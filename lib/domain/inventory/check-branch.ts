import { addFieldError, type FieldErrors } from "../field-errors";
import {
  cidrBroadcast,
  cidrContains,
  cidrNetwork,
  cidrOverlaps,
  cidrPrefix,
  cidrWithin,
  type Cidr,
} from "../values/cidr";
import { intToIpv4, ipv4ToInt, isUsableUnicast, type Ipv4 } from "../values/ipv4";
import type { BranchAddressing } from "./branch-addressing";
import type { Claim } from "./claim";

const LINK_LOCAL = "169.254.0.0/16" as Cidr;

export type BranchContext = {
  /** What already lives in the branch (empty for a new branch): a change must not strand it. */
  gatewayLanIp: Ipv4 | null;
  guests: readonly Claim[];
  hosts: readonly Claim[];
  /** Every other branch's LAN (value: its CIDR): routed LANs of one bank must not overlap. */
  otherLans: readonly Claim[];
};

export const EMPTY_BRANCH: BranchContext = { gatewayLanIp: null, guests: [], hosts: [], otherLans: [] };

/** Every problem with a branch's addressing at once, including records a change would strand. */
export function checkBranch(branch: BranchAddressing, ctx: BranchContext): FieldErrors {
  const errors: FieldErrors = {};
  const lanOk = checkLan(errors, branch.lanCidr);
  const poolOk = checkPool(errors, branch.linkLocalPool);
  if (poolOk) checkGatewayLinkLocal(errors, branch);
  if (lanOk) {
    // Head office routes each LAN to its branch's gateway: an overlap sends one branch's guests to the other.
    for (const other of ctx.otherLans) {
      if (cidrOverlaps(branch.lanCidr, other.value as Cidr)) {
        const clash = `${branch.lanCidr} overlaps the LAN ${other.value} of ${other.owner}`;
        addFieldError(errors, "lanCidr", `${clash}; every branch needs its own`);
      }
    }
    const outside = ctx.guests.filter((g) => !onLan(g.value as Ipv4, branch.lanCidr));
    if (outside.length)
      addFieldError(
        errors,
        "lanCidr",
        stranded(outside, `would be outside ${branch.lanCidr} or on its network/broadcast address`),
      );
    if (ctx.gatewayLanIp && !onLan(ctx.gatewayLanIp, branch.lanCidr)) {
      addFieldError(
        errors,
        "lanCidr",
        `the gateway's LAN address ${ctx.gatewayLanIp} would be outside ${branch.lanCidr}; change the gateway first`,
      );
    }
  }
  if (poolOk) {
    const outside = ctx.hosts.filter((h) => !cidrContains(branch.linkLocalPool, h.value as Ipv4));
    if (outside.length)
      addFieldError(errors, "linkLocalPool", stranded(outside, `would be outside ${branch.linkLocalPool}`));
  }
  const clash = ctx.hosts.filter((h) => h.value === branch.gatewayLinkLocalIp);
  if (clash.length) addFieldError(errors, "gatewayLinkLocalIp", stranded(clash, "already uses this address"));
  return errors;
}

function checkLan(errors: FieldErrors, lan: Cidr): boolean {
  const before = errors.lanCidr?.length ?? 0;
  const prefix = cidrPrefix(lan);
  // A LAN needs a network, a broadcast, the gateway and at least one guest.
  if (prefix > 30)
    addFieldError(errors, "lanCidr", `${lan} has no room for a gateway and guests; use a /30 or wider (usually a /24)`);
  else if (prefix < 8)
    addFieldError(errors, "lanCidr", `${lan} is wider than a /8; a branch LAN is one broadcast domain, usually a /24`);
  if (cidrOverlaps(lan, LINK_LOCAL)) {
    addFieldError(
      errors,
      "lanCidr",
      `${lan} overlaps ${LINK_LOCAL}, which is reserved for the hosts' link-local side; the LAN must be routable`,
    );
  } else if (prefix <= 30) {
    const first = intToIpv4(ipv4ToInt(cidrNetwork(lan)) + 1);
    const last = intToIpv4(ipv4ToInt(cidrBroadcast(lan)) - 1);
    if (!isUsableUnicast(first) || !isUsableUnicast(last))
      addFieldError(errors, "lanCidr", `${lan} is not a unicast range (loopback, multicast or reserved)`);
  }
  return (errors.lanCidr?.length ?? 0) === before;
}

function checkPool(errors: FieldErrors, pool: Cidr): boolean {
  if (!cidrWithin(pool, LINK_LOCAL)) {
    addFieldError(errors, "linkLocalPool", `${pool} is not inside ${LINK_LOCAL}; hosts only get link-local addresses`);
    return false;
  }
  // A pool inside RFC 3927's reserved /24s is accepted (its hosts are typed in): link-local-warnings.ts.
  if (cidrPrefix(pool) > 30) {
    const needs = "a pool needs a network, a broadcast, the gateway and a host";
    addFieldError(errors, "linkLocalPool", `${pool} has no address a host may use (${needs})`);
    return false;
  }
  return true;
}

function checkGatewayLinkLocal(errors: FieldErrors, branch: BranchAddressing): void {
  const ip = branch.gatewayLinkLocalIp;
  const pool = branch.linkLocalPool;
  if (!cidrContains(pool, ip))
    addFieldError(errors, "gatewayLinkLocalIp", `${ip} is outside the link-local pool ${pool}`);
  else if (ip === cidrNetwork(pool) || ip === cidrBroadcast(pool))
    addFieldError(errors, "gatewayLinkLocalIp", `${ip} is the network or broadcast address of ${pool}`);
}

function onLan(ip: Ipv4, lan: Cidr): boolean {
  return cidrContains(lan, ip) && ip !== cidrNetwork(lan) && ip !== cidrBroadcast(lan);
}

/** "3 records (a 198.51.100.7, b ..., and 1 more) ...; move or re-address them first". */
function stranded(claims: readonly Claim[], problem: string): string {
  const shown = claims
    .slice(0, 3)
    .map((c) => `${c.owner} (${c.value})`)
    .join(", ");
  const more = claims.length > 3 ? ` and ${claims.length - 3} more` : "";
  return `${shown}${more} ${problem}; move or re-address ${claims.length === 1 ? "it" : "them"} first`;
}
