import { lookup } from "node:dns/promises";
import { err, ok, type Result } from "@/lib/domain/result";
import { parseIpv4, type Ipv4 } from "@/lib/domain/values/ipv4";
import { parseSshAddress, sshIpProblem, type SshAddressOptions } from "@/lib/domain/values/ssh-address";
import { classifySshError } from "./classify-ssh-error";
import type { SshFailure } from "./ssh-failure";

/**
 * The one switch for tests whose throwaway sshd listens on 127.0.0.1
 * (lib/testing/sshd.ts). Off unless exactly "1"; it lets 127.0.0.0/8 through
 * and nothing else. Never set it on a dashboard.
 */
export const ALLOW_LOOPBACK_SSH_ENV = "BRANCHDESK_ALLOW_LOOPBACK_SSH";

export function sshAddressPolicy(env: Record<string, string | undefined> = process.env): SshAddressOptions {
  return { allowLoopback: env[ALLOW_LOOPBACK_SSH_ENV] === "1" };
}

/** Every IPv4 address a name has; family 4 only, as Branchdesk speaks IPv4 to the fleet. */
export type ResolveAll = (name: string) => Promise<string[]>;

const systemResolver: ResolveAll = async (name) => (await lookup(name, { all: true, family: 4 })).map((a) => a.address);

/**
 * The address the dashboard may open a TCP connection to, checked when it
 * connects, not only when it was saved: a stored name is looked up now, and
 * if ANY of its addresses is refused (loopback, metadata, multicast, ...) the
 * connection is refused; otherwise the caller connects to the returned, checked
 * address, so a second lookup cannot hand back a different one (DNS rebinding).
 * Rows saved before these rules existed are caught here too.
 */
export async function resolveSshAddress(
  address: string,
  ctx: { where: string; port: number; username: string; timeoutMs: number },
  options: { resolve?: ResolveAll; policy?: SshAddressOptions } = {},
): Promise<Result<Ipv4, SshFailure>> {
  const policy = options.policy ?? sshAddressPolicy();
  const parsed = parseSshAddress(address, policy);
  if (!parsed.ok) return err(refused(ctx.where, parsed.error));
  const literal = parseIpv4(parsed.value);
  if (literal.ok) return ok(literal.value);

  let found: string[];
  try {
    found = await (options.resolve ?? systemResolver)(parsed.value);
  } catch (e) {
    return err(classifySshError(e, { ...ctx, address, phase: "connect" }));
  }
  const checked: Ipv4[] = [];
  for (const a of found) {
    const ip = parseIpv4(a);
    const problem = ip.ok ? sshIpProblem(ip.value, policy) : "is not a dotted-quad IPv4 address";
    if (problem || !ip.ok) return err(refused(ctx.where, `${address} resolves to ${a}, which ${problem}`));
    checked.push(ip.value);
  }
  const first = checked[0];
  if (!first) return err(classifySshError({ code: "ENOTFOUND" }, { ...ctx, address, phase: "connect" }));
  return ok(first);
}

function refused(where: string, why: string): SshFailure {
  return {
    kind: "address-refused",
    where,
    message: `refusing to connect to ${where}: ${why}. Fix the address in the inventory.`,
  };
}
