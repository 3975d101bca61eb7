import { addFieldError, type FieldErrors } from "../field-errors";
import type { Ipv4 } from "../values/ipv4";
import { checkLanAddress, type BranchAddressing } from "./branch-addressing";
import { claimOn, type Claim } from "./claim";

export type GatewayFields = { hostname: string; lanIp: Ipv4 };

export type GatewayContext = {
  branch: BranchAddressing;
  /** IPs held by the branch's guests. */
  guestIps: readonly Claim[];
  /** Hostnames held by hosts or other gateways. */
  hostnames: readonly Claim[];
};

/** Every problem with a branch's gateway at once. */
export function checkGateway(gateway: GatewayFields, ctx: GatewayContext): FieldErrors {
  const errors: FieldErrors = {};
  checkLanAddress(errors, "lanIp", gateway.lanIp, ctx.branch.lanCidr);
  const ipTaken = claimOn(ctx.guestIps, gateway.lanIp);
  if (ipTaken) addFieldError(errors, "lanIp", `${gateway.lanIp} is already used by ${ipTaken.owner}`);
  const nameTaken = claimOn(ctx.hostnames, gateway.hostname);
  if (nameTaken) addFieldError(errors, "hostname", `${gateway.hostname} is already the name of ${nameTaken.owner}`);
  return errors;
}
