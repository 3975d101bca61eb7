import { addFieldError, type FieldErrors } from "../field-errors";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import { checkLanAddress, type BranchAddressing } from "./branch-addressing";
import { claimOn, type Claim } from "./claim";

export type GuestFields = { name: string; domain: string; mac: Mac; ip: Ipv4 };

export type GuestContext = {
  branch: BranchAddressing;
  /** The gateway's LAN address, when the branch has a gateway. */
  gatewayLanIp: Ipv4 | null;
  /** IPs held by the branch's other guests (this guest excluded). */
  guestIps: readonly Claim[];
  /** Host NIC and guest MACs held anywhere in the fleet (this guest excluded). */
  macs: readonly Claim[];
};

/**
 * Every problem with a guest at once. `prefix` nests the keys when the guest is
 * part of a host form ("guest.ip"). The MAC is already a parsed unicast Mac.
 */
export function checkGuest(guest: GuestFields, ctx: GuestContext, prefix = ""): FieldErrors {
  const errors: FieldErrors = {};
  const ipField = `${prefix}ip`;
  checkLanAddress(errors, ipField, guest.ip, ctx.branch.lanCidr);
  if (guest.ip === ctx.gatewayLanIp) addFieldError(errors, ipField, `${guest.ip} is the gateway's LAN address`);
  const ipTaken = claimOn(ctx.guestIps, guest.ip);
  if (ipTaken) addFieldError(errors, ipField, `${guest.ip} is already used by ${ipTaken.owner} in this branch`);
  const macTaken = claimOn(ctx.macs, guest.mac);
  if (macTaken) addFieldError(errors, `${prefix}mac`, `${guest.mac} is already used by ${macTaken.owner}`);
  return errors;
}
