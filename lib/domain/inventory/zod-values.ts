/**
 * zod wrappers around the value objects, so every input schema yields branded
 * values (Ipv4, Cidr, Mac, ...) and the error a user sees is the value object's
 * own message ("\"eth0;reboot\" is not a valid interface name ..."), not zod's.
 */
import { z } from "zod";
import type { Result } from "../result";
import { parseCidr } from "../values/cidr";
import { parseHostname } from "../values/hostname";
import { parseLinkIfname } from "../values/ifname";
import { parseIpv4 } from "../values/ipv4";
import { parseMac } from "../values/mac";
import { parsePort } from "../values/port";
import { unsafeCharacter } from "../values/free-text";
import { parseSshAddress } from "../values/ssh-address";
import { BRANCH_CODE_RULE, parseBranchCode } from "./branch-code";

/** "is required" for a missing field reads better next to a form field than zod's type message. */
const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${what}`;

/** A string parsed by a value object's parseX; the output is the branded value. */
export function zValue<T>(parse: (input: unknown) => Result<T>, description: string, example: string) {
  return z
    .string({ error: required("a string") })
    .transform((input, ctx): T => {
      const parsed = parse(input);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.error, input });
      return z.NEVER;
    })
    .meta({ description: `${description}, e.g. ${example}` });
}

export const zIpv4 = () => zValue(parseIpv4, "IPv4 address in dotted-quad form", "198.51.100.7");
export const zCidr = () => zValue(parseCidr, "IPv4 network, host bits zero", "198.51.100.0/24");
export const zMac = () =>
  zValue(parseMac, "unicast MAC address (normalised to lower-case colons)", "52:54:00:12:34:56");
const IFNAME_RULE = "Linux interface name, 1-15 of letters, digits, '.', '_', '-'; not lo, all or default";
export const zIfname = () => zValue(parseLinkIfname, IFNAME_RULE, "eth1");
export const zHostname = () => zValue(parseHostname, "RFC 1123 host name (normalised to lower case)", "br-0042-h01");
export const zBranchCode = () =>
  zValue(parseBranchCode, `branch code (${BRANCH_CODE_RULE}; stored upper-case)`, "BR-0042");

/** Ports arrive as JSON numbers from the API and as strings from HTML forms. */
export const zPort = () =>
  z
    .union([z.number(), z.string()], { error: required("a port number") })
    .transform((input, ctx) => {
      const parsed = parsePort(input);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.error, input });
      return z.NEVER;
    })
    .meta({ description: "TCP port 1-65535, e.g. 22" });

/** An IPv4 literal or a DNS name: how head office reaches a gateway's sshd. */
export const zSshAddress = () =>
  zValue(
    (input: unknown) => parseSshAddress(input),
    "IPv4 address (canonical dotted quad, unicast: not loopback, 0/8, link-local, multicast or reserved) " +
      "or DNS name (not localhost; it must resolve to such addresses when the dashboard connects) " +
      "head office uses for SSH",
    "203.0.113.10",
  );

/**
 * Words that end up in ssh/virsh command lines are restricted to a safe
 * alphabet here as well as quoted later: defence in depth against `$(id)`.
 */
function zWord(pattern: RegExp, rule: string, description: string) {
  return z
    .string({ error: required("a string") })
    .refine((v) => pattern.test(v), { error: (issue) => `${JSON.stringify(issue.input)} is not valid (${rule})` })
    .meta({ description: `${description} (${rule})` });
}

/** POSIX portable user names (useradd's default rule). */
export const zSshUser = () =>
  zWord(
    /^[a-z_][a-z0-9_-]{0,31}$/,
    "lower-case letters, digits, '_', '-', at most 32, not starting with a digit or '-'",
    "SSH login user",
  );

export const zSerial = () =>
  zWord(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, "1-64 letters, digits, '.', '_', '/', '-'", "serial number or asset tag");

/** libvirt accepts more, but the name reaches `virsh` invocations: keep it to a safe alphabet. */
export const zDomainName = () =>
  zWord(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "1-64 letters, digits, '.', '_', '-'", "libvirt domain name");

/**
 * Free text shown in the UI and the audit log: trimmed; no control, format,
 * separator, private-use or unassigned characters (see values/free-text.ts):
 * newlines break logs and tables, and invisible ones make one name look like another.
 */
export const zLabel = (max: number, description: string) =>
  z
    .string({ error: required("a string") })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .superRefine((v, ctx) => {
      const problem = unsafeCharacter(v);
      const fix = "retype it without invisible characters";
      if (problem) ctx.addIssue({ code: "custom", message: `must not contain ${problem}; ${fix}` });
    })
    .meta({ description: `${description} (visible characters only)` });
