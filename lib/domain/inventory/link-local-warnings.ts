/**
 * RFC 3927 section 2.1 reserves 169.254.0.0/24 and 169.254.255.0/24: a host
 * "MUST NOT select" an address there when it configures itself. It does not
 * forbid an operator from assigning one, and many fleets run their gateways
 * on 169.254.0.1. So a typed address there is recorded, with a warning next
 * to its field, and the allocator (allocate-link-local.ts) never picks one.
 *
 * Warnings have the shape of field errors ({ "<field>": ["..."] }, the input's
 * field names): the API returns them beside the saved record, the forms show
 * them next to the field, and they never block a write.
 */
import { addFieldError, hasFieldErrors, summarizeFieldErrors, type FieldErrors } from "../field-errors";
import { isReservedLinkLocal } from "../addressing/allocate-link-local";
import { cidrNetwork, cidrPrefix, makeCidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import type { BranchAddressing } from "./branch-addressing";

export type FieldWarnings = FieldErrors;

/** An audit summary that also says what the saved record was warned about, so the log shows it too. */
export function withWarnings(summary: string, warnings: FieldWarnings): string {
  return hasFieldErrors(warnings) ? `${summary}; warning: ${summarizeFieldErrors(warnings)}` : summary;
}

function reserved(ip: Ipv4): string {
  return (
    `${ip} is in ${makeCidr(ip, 24)}, which RFC 3927 reserves: hosts never pick it for themselves, ` +
    "so it is recorded as typed, but Branchdesk never allocates from it"
  );
}

/** What a saved branch's link-local side should make its owner look at twice. */
export function branchWarnings(branch: BranchAddressing): FieldWarnings {
  const warnings: FieldWarnings = {};
  const pool = branch.linkLocalPool;
  // A pool of a /24 or narrower lies in one /24, so its network address tells.
  if (cidrPrefix(pool) >= 24 && isReservedLinkLocal(cidrNetwork(pool))) {
    const why = "Branchdesk never allocates from it, so type each host's link-local address";
    addFieldError(warnings, "linkLocalPool", `${pool} lies in a /24 that RFC 3927 reserves: ${why}`);
  }
  if (isReservedLinkLocal(branch.gatewayLinkLocalIp))
    addFieldError(warnings, "gatewayLinkLocalIp", reserved(branch.gatewayLinkLocalIp));
  return warnings;
}

export function hostWarnings(host: { linkLocalIp: Ipv4 }): FieldWarnings {
  const warnings: FieldWarnings = {};
  if (isReservedLinkLocal(host.linkLocalIp)) addFieldError(warnings, "linkLocalIp", reserved(host.linkLocalIp));
  return warnings;
}
