import { addFieldError, mergeFieldErrors, type FieldErrors } from "../field-errors";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import { checkHostLinkLocal, type BranchAddressing } from "./branch-addressing";
import { claimOn, type Claim } from "./claim";
import { checkGuest, type GuestContext, type GuestFields } from "./check-guest";

export type HostFields = {
  hostname: string;
  serial: string;
  nicMac: Mac;
  linkLocalIp: Ipv4;
  guest?: GuestFields | null;
};

export type HostContext = GuestContext & {
  branch: BranchAddressing;
  /** Link-local addresses held by the branch's other hosts. */
  linkLocalIps: readonly Claim[];
  /** Hostnames held by other hosts or gateways (hostnames are fleet-wide). */
  hostnames: readonly Claim[];
  serials: readonly Claim[];
};

/**
 * Serials and asset tags are read off stickers and typed by hand: "sn-1" and
 * "SN-1" are one machine. They are ASCII (zSerial), so upper-casing is exact.
 */
export function sameSerial(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/**
 * Every problem with a host (and its guest, keyed "guest.*") at once. The
 * value objects already guarantee syntax (RFC 1123 hostname, ifname, unicast
 * MAC); this checks the host against the branch and the rest of the fleet.
 */
export function checkHost(host: HostFields, ctx: HostContext): FieldErrors {
  const errors: FieldErrors = {};
  checkHostLinkLocal(errors, "linkLocalIp", host.linkLocalIp, ctx.branch, ctx.linkLocalIps);
  const nameTaken = claimOn(ctx.hostnames, host.hostname);
  if (nameTaken) addFieldError(errors, "hostname", `${host.hostname} is already the name of ${nameTaken.owner}`);
  const serialTaken = ctx.serials.find((c) => sameSerial(c.value, host.serial));
  if (serialTaken) {
    const spelled = serialTaken.value === host.serial ? "" : ` (recorded as ${serialTaken.value})`;
    addFieldError(errors, "serial", `${host.serial} is already the serial of ${serialTaken.owner}${spelled}`);
  }
  const macTaken = claimOn(ctx.macs, host.nicMac);
  if (macTaken) addFieldError(errors, "nicMac", `${host.nicMac} is already used by ${macTaken.owner}`);
  if (host.guest) {
    // The arpreply answers with the guest's MAC while the host NIC keeps its own:
    // one MAC for both breaks the bridge's FDB.
    if (host.guest.mac === host.nicMac)
      addFieldError(errors, "guest.mac", `${host.guest.mac} is this host's own NIC MAC; the guest needs its own`);
    mergeFieldErrors(errors, checkGuest(host.guest, ctx, "guest."));
  }
  return errors;
}
