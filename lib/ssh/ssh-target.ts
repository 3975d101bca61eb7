import { addFieldError, hasFieldErrors, type FieldErrors } from "@/lib/domain/field-errors";
import { err, ok, type Result } from "@/lib/domain/result";
import { parseHostname, type Hostname } from "@/lib/domain/values/hostname";
import { parseIpv4, type Ipv4 } from "@/lib/domain/values/ipv4";
import { parsePort, type Port } from "@/lib/domain/values/port";
import { isNumericLookingName } from "@/lib/domain/values/ssh-address";
import { parseHostKeyFingerprint, type HostKeyFingerprint } from "./host-key-fingerprint";

/** One box we SSH to, with everything needed to reach it and to know it is the right box. */
export type SshTarget = {
  /** What a techie calls it ("host br-0001-h01", "gateway BR-0001"); every error names it. */
  readonly label: string;
  readonly address: Ipv4 | Hostname;
  readonly port: Port;
  readonly username: string;
  /** null until an operator trusted a scanned key: such a target is never connected to. */
  readonly pinnedFingerprint: HostKeyFingerprint | null;
};

// POSIX portable user names (useradd's default rule); no shell or ssh metacharacters.
const USERNAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/** Validates raw input (database row, form) into a target; every problem at once, keyed by field. */
export function parseSshTarget(input: {
  label: unknown;
  address: unknown;
  port: unknown;
  username: unknown;
  pinnedFingerprint: unknown;
}): Result<SshTarget, FieldErrors> {
  const errors: FieldErrors = {};
  const label = typeof input.label === "string" ? input.label.trim() : "";
  if (label === "") addFieldError(errors, "label", "must be a non-empty name for the box");

  let address: Ipv4 | Hostname | undefined;
  const ip = parseIpv4(input.address);
  // Hex, octal, shortened or integer forms: a resolver reads them as numbers, never looks them up.
  const looksNumeric = typeof input.address === "string" && isNumericLookingName(input.address);
  if (ip.ok) address = ip.value;
  else if (looksNumeric) addFieldError(errors, "address", `${ip.error}; write an address as a dotted quad of decimals`);
  else {
    const name = parseHostname(input.address);
    if (name.ok) address = name.value;
    else addFieldError(errors, "address", `is neither an IPv4 address nor a host name: ${name.error}`);
  }

  const port = parsePort(input.port);
  if (!port.ok) addFieldError(errors, "port", port.error);

  const username = input.username;
  if (typeof username !== "string" || !USERNAME.test(username)) {
    addFieldError(
      errors,
      "username",
      `${JSON.stringify(username)} is not a valid user name (lowercase letters, digits, _ and -, at most 32)`,
    );
  }

  let pinnedFingerprint: HostKeyFingerprint | null = null;
  if (input.pinnedFingerprint !== null && input.pinnedFingerprint !== undefined) {
    const fp = parseHostKeyFingerprint(input.pinnedFingerprint);
    if (fp.ok) pinnedFingerprint = fp.value;
    else addFieldError(errors, "pinnedFingerprint", fp.error);
  }

  if (hasFieldErrors(errors) || !address || !port.ok) return err(errors);
  return ok({ label, address, port: port.value, username: username as string, pinnedFingerprint });
}

/** "host br-0001-h01 (198.18.1.10:22)": the label plus where we actually went. */
export function describeTarget(target: Pick<SshTarget, "label" | "address" | "port">): string {
  return `${target.label} (${target.address}:${target.port})`;
}
