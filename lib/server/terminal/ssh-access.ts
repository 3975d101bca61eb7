import {
  knownHostsText,
  parsePublicKeyLine,
  type KnownHostsEntry,
  type PublicKeyLine,
} from "@/lib/domain/terminal/known-hosts";
import {
  directSshCommand,
  jumpSshCommand,
  sshUri,
  viaGatewaySshCommand,
  type SshEndpoint,
} from "@/lib/domain/terminal/ssh-command";
import type { SshAccessPath, SshAccessResponse } from "@/lib/domain/terminal/ssh-access-views";
import type { TerminalPath } from "@/lib/domain/terminal/terminal-protocol";
import { parseHostname } from "@/lib/domain/values/hostname";
import { hostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import { parseSshTarget } from "@/lib/ssh/ssh-target";
import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { findBranch } from "@/lib/server/inventory/find-branch";
import { findHost } from "@/lib/server/inventory/find-host";

/**
 * The ssh lines for a techie's own terminal (issue 10): the same paths the web
 * terminal takes, verifying the same pinned keys through HostKeyAlias and the
 * known_hosts lines answered beside them. Every value comes from an inventory
 * row parsed again here (parseSshTarget, parseHostname); a row that does not
 * parse gives no line, and the answer says why.
 */

type Unavailable = SshAccessResponse["unavailable"];
type GatewayRow = { hostname: string; sshAddress: string; sshPort: number; sshUser: string } & KeyColumns;
type KeyColumns = { hostKeyFingerprint: string | null; hostPublicKey: string | null };

/** An inventory row as an endpoint, or the reason it cannot be one. */
function endpoint(what: string, alias: string, address: string, port: number, username: string) {
  const a = parseHostname(alias);
  const t = parseSshTarget({ label: what, address, port, username, pinnedFingerprint: null });
  if (!a.ok) return { ok: false as const, reason: `${what}: hostname ${a.error}` };
  if (!t.ok) {
    const why = Object.entries(t.error).map(([k, v]) => `${k} ${v.join(", ")}`);
    return { ok: false as const, reason: `${what} cannot be written as an ssh line: ${why.join("; ")}` };
  }
  const e: SshEndpoint = { alias: a.value, address: t.value.address, port: t.value.port, username: t.value.username };
  return { ok: true as const, value: e };
}

const gatewayEndpoint = (gw: GatewayRow) =>
  endpoint(`gateway ${gw.hostname}`, gw.hostname, gw.sshAddress, gw.sshPort, gw.sshUser);

/**
 * The known_hosts entry of one box: its stored key, but only when it is the key the
 * fingerprint pins (a key stored before a re-pin must not be offered as trusted).
 */
export function knownHostsEntry(label: string, hostname: string, row: KeyColumns): KnownHostsEntry {
  let key: PublicKeyLine | null = null;
  const parsed = parsePublicKeyLine(row.hostPublicKey);
  if (parsed.ok && row.hostKeyFingerprint) {
    const blob = Buffer.from(parsed.value.split(" ")[1]!, "base64");
    if (hostKeyFingerprint(blob) === row.hostKeyFingerprint) key = parsed.value;
  }
  return { alias: hostname, label, key, fingerprint: row.hostKeyFingerprint };
}

const line = (path: TerminalPath, label: string, command: string, jump: string | null, uri: string | null) =>
  ({ path, label, command, jumpCommand: jump, uri }) satisfies SshAccessPath;

/** A host: the support path (guest IP:22) and the way through its gateway (link-local address). */
export async function hostSshAccess(id: number): Promise<SshAccessResponse> {
  const host = await findHost(db(), id);
  const branchCode = host.branch.code;
  const gw = host.branch.gateway;
  const paths: SshAccessPath[] = [];
  const unavailable: Unavailable = [];
  const entries: KnownHostsEntry[] = [knownHostsEntry(`host ${host.hostname}`, host.hostname, host)];

  const what = `host ${host.hostname}`;
  if (!host.guest) unavailable.push({ path: "support", reason: `${what} has no guest: the support path is its IP` });
  else {
    const support = endpoint(what, host.hostname, host.guest.ip, 22, host.sshUser);
    if (support.ok) {
      const e = support.value;
      paths.push(line("support", `support path (guest ${e.address})`, directSshCommand(e), null, sshUri(e)));
    } else unavailable.push({ path: "support", reason: support.reason });
  }

  if (!gw) unavailable.push({ path: "gateway", reason: `branch ${branchCode} has no gateway` });
  else {
    const via = gatewayEndpoint(gw);
    const target = endpoint(what, host.hostname, host.linkLocalIp, 22, host.sshUser);
    if (!via.ok) unavailable.push({ path: "gateway", reason: via.reason });
    else if (!target.ok) unavailable.push({ path: "gateway", reason: target.reason });
    else {
      const command = viaGatewaySshCommand(target.value, via.value);
      const jump = jumpSshCommand(target.value, via.value);
      paths.push(line("gateway", `via gateway ${gw.hostname}`, command, jump, null));
      entries.push(knownHostsEntry(`gateway ${gw.hostname}`, gw.hostname, gw));
    }
  }
  const box = { kind: "host" as const, id: host.id, hostname: host.hostname, branchCode };
  return { box, paths, unavailable, knownHosts: knownHostsText(branchCode, entries) };
}

/** A branch's gateway: reached directly at its head-office address. */
export async function gatewaySshAccess(branchCode: string): Promise<SshAccessResponse> {
  const branch = await findBranch(db(), branchCode);
  const gw = branch.gateway;
  if (!gw) throw notFound(`a gateway for branch ${branch.code}`);
  const paths: SshAccessPath[] = [];
  const unavailable: Unavailable = [];
  const e = gatewayEndpoint(gw);
  if (e.ok) paths.push(line("direct", "direct", directSshCommand(e.value), null, sshUri(e.value)));
  else unavailable.push({ path: "direct", reason: e.reason });
  const entries = [knownHostsEntry(`gateway ${gw.hostname}`, gw.hostname, gw)];
  const box = { kind: "gateway" as const, id: gw.id, hostname: gw.hostname, branchCode: branch.code };
  return { box, paths, unavailable, knownHosts: knownHostsText(branch.code, entries) };
}
