import type { BranchDiscoveryResponse, DiscoveredBox } from "@/lib/domain/discovery/discovery-views";
import { isConfigured, needsRefresh, type Neighbour } from "@/lib/domain/discovery/parse-neighbours";
import { selectUnknownBoxes, type UnknownBox } from "@/lib/domain/discovery/select-unknown-boxes";
import { planSweep } from "@/lib/domain/discovery/sweep-plan";
import type { Cidr } from "@/lib/domain/values/cidr";
import { parseIfname } from "@/lib/domain/values/ifname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Mac } from "@/lib/domain/values/mac";
import { SSH_PORT } from "@/lib/domain/values/port";
import { connectSsh, type SshSession } from "@/lib/ssh/connect-ssh";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import { scanHostKey } from "@/lib/ssh/scan-host-key";
import type { SshFailure } from "@/lib/ssh/ssh-failure";
import { parseSshTarget, type SshTarget } from "@/lib/ssh/ssh-target";
import { readNeighbours, sweepLinkLocal } from "@/lib/ssh/sweep-link-local";
import type { Actor } from "@/lib/server/auth/actor";
import { discoveryConfig, type DiscoveryConfig } from "@/lib/server/config/discovery-config";
import { sshConfig } from "@/lib/server/config/ssh-config";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { findBranch } from "@/lib/server/inventory/find-branch";
import { gatewaySshInput } from "@/lib/server/ssh-targets/box-ssh-input";

/** Key scans through the gateway at once: direct-tcpip channels on one connection, well under sshd's limits. */
const SCAN_CONCURRENCY = 8;
const SCAN_TIMEOUT_MS = 5_000;

/**
 * Discovery (issue 11): through the gateway's pinned session, sweep the
 * plausible part of the branch's link-local pool with ARP (sweep-plan.ts,
 * agents/discover.sh), read the gateway's neighbour table, and answer every
 * box that answered and is not in the inventory, with its MAC and its SSH host
 * key as scanned through the gateway. Nothing is pinned here: "Enrol this"
 * creates the host, and the trust flow pins its key only when a second scan
 * shows the same one. The whole of it is bounded by `timeoutMs`; a gateway
 * whose key does not match its pin is refused before anything is sent.
 */
export async function discoverBranch(
  actor: Actor,
  branchCode: string,
  options: Partial<DiscoveryConfig> = {},
): Promise<BranchDiscoveryResponse> {
  const config = { ...discoveryConfig(), ...options };
  const started = performance.now();
  const deadline = started + config.timeoutMs;
  const remaining = () => Math.max(0, Math.round(deadline - performance.now()));

  const branch = await findBranch(db(), branchCode);
  const gw = branch.gateway;
  if (!gw) throw new AppError("conflict", `branch ${branch.code} has no gateway: discovery runs through it; add one`);
  if (!gw.hostKeyFingerprint)
    throw new AppError("conflict", `trust gateway ${gw.hostname}'s host key first: discovery runs through it`);
  const lan = parseIfname(gw.lanIfname);
  if (!lan.ok) throw new AppError("conflict", `gateway ${gw.hostname}'s LAN interface: ${lan.error}`);
  const hostIps = (await db().host.findMany({ where: { branchId: branch.id }, select: { linkLocalIp: true } })).map(
    (h) => h.linkLocalIp as Ipv4,
  );
  const pool = branch.linkLocalPool as Cidr;
  const gatewayIp = branch.gatewayLinkLocalIp as Ipv4;

  const session = await openGateway(toTarget(gatewaySshInput(gw, branch.code)), remaining());
  try {
    const before = await readNeighbours(session, lan.value, Math.min(10_000, remaining()));
    if (!before.ok) throw unavailable(before.error);
    const known = before.value.neighbours.map((n) => n.ip);
    const configured = before.value.neighbours.filter(isConfigured).map((n) => n.ip);
    const plan = planSweep({ pool, gatewayIp, enrolled: hostIps, known, configured, bounds: config.bounds });
    const sweep = await sweepLinkLocal(session, {
      lanIfname: lan.value,
      addresses: plan.addresses,
      refresh: before.value.neighbours.filter(needsRefresh).map((n) => n.ip),
      settleSeconds: config.settleSeconds,
      timeoutMs: remaining(),
    });
    if (!sweep.ok) throw unavailable(sweep.error);
    const { hostMacs, guestMacs } = await enrolledMacs(sweep.value.neighbours);
    const unknown = selectUnknownBoxes(sweep.value.neighbours, sweep.value.answered, {
      pool,
      gatewayIp,
      hostIps,
      hostMacs,
      guestMacs,
    });
    const found = await scanAll(session, unknown, branch.code, remaining, config.timeoutMs);
    const result = {
      found,
      swept: plan.addresses.length,
      range: plan.range,
      truncated: plan.truncated,
      durationMs: Math.round(performance.now() - started),
    };
    await audit(actor, branch, result);
    return result;
  } finally {
    session.close();
  }
}

async function openGateway(target: SshTarget, budgetMs: number): Promise<SshSession> {
  const key = await loadFleetKey(sshConfig().fleetKeyPath);
  if (!key.ok) throw new AppError("unavailable", `the fleet SSH key cannot be used: ${key.error} (BRANCHDESK_SSH_KEY)`);
  const connectTimeoutMs = Math.max(1, Math.min(sshConfig().connectTimeoutMs, budgetMs));
  const session = await connectSsh(target, { fleetKey: key.value, connectTimeoutMs });
  if (!session.ok) {
    // A gateway presenting another key is not the gateway: nothing is swept, and saying so is a conflict to fix.
    if (session.error.kind === "host-key-mismatch" || session.error.kind === "host-key-unpinned")
      throw new AppError("conflict", `discovery refused: ${session.error.message}`);
    throw unavailable(session.error);
  }
  return session.value;
}

function unavailable(failure: SshFailure): AppError {
  return new AppError("unavailable", `discovery failed: ${failure.message}`);
}

/** The enrolled NIC and guest MACs among those that answered (fleet-wide: MACs are unique across branches). */
async function enrolledMacs(neighbours: readonly Neighbour[]): Promise<{ hostMacs: Mac[]; guestMacs: Mac[] }> {
  const macs = [...new Set(neighbours.flatMap((n) => (n.mac ? [n.mac] : [])))];
  if (macs.length === 0) return { hostMacs: [], guestMacs: [] };
  const hosts = await db().host.findMany({ where: { nicMac: { in: macs } }, select: { nicMac: true } });
  const guests = await db().guest.findMany({ where: { mac: { in: macs } }, select: { mac: true } });
  return { hostMacs: hosts.map((h) => h.nicMac as Mac), guestMacs: guests.map((g) => g.mac as Mac) };
}

/** Scans each box's key through the gateway, a few at a time, within what is left of the budget. */
async function scanAll(
  via: SshSession,
  boxes: readonly UnknownBox[],
  branchCode: string,
  remaining: () => number,
  budgetMs: number,
): Promise<DiscoveredBox[]> {
  const out: DiscoveredBox[] = new Array(boxes.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < boxes.length; i = next++) {
      const box = boxes[i]!;
      const base = { linkLocalIp: box.ip, mac: box.mac };
      const left = Math.min(SCAN_TIMEOUT_MS, remaining());
      if (left <= 0) {
        out[i] = { ...base, fingerprint: null, keyError: `not scanned: the discovery's ${budgetMs} ms ran out` };
        continue;
      }
      const label = `box ${box.ip} on ${branchCode}'s LAN`;
      const target = toTarget({ label, address: box.ip, port: SSH_PORT, username: "root", pinnedFingerprint: null });
      const key = await scanHostKey(target, { via, timeoutMs: left });
      out[i] = key.ok
        ? { ...base, fingerprint: key.value }
        : { ...base, fingerprint: null, keyError: key.error.message };
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, boxes.length) }, worker));
  return out;
}

function toTarget(input: Parameters<typeof parseSshTarget>[0]): SshTarget {
  const r = parseSshTarget(input);
  if (!r.ok) {
    const problems = Object.entries(r.error).map(([k, v]) => `${k}: ${v.join(", ")}`);
    throw new AppError("conflict", `${String(input.label)} cannot be used for SSH: ${problems.join("; ")}`);
  }
  return r.value;
}

async function audit(
  actor: Actor,
  branch: { id: number; code: string },
  result: Omit<BranchDiscoveryResponse, "found"> & { found: DiscoveredBox[] },
): Promise<void> {
  const keys = result.found.filter((f) => f.fingerprint !== null).length;
  const counts = { swept: result.swept, found: result.found.length, keysScanned: keys, durationMs: result.durationMs };
  const summary =
    `discovered ${result.found.length} box(es) not in the inventory on ${branch.code}'s LAN ` +
    `(${result.swept} link-local addresses swept, ${keys} host key(s) scanned)`;
  await writeTransaction(actor, async (_tx, audit) => {
    audit({ type: "branch", id: branch.id, action: "branch.discover" }, null, counts, summary);
  });
}
