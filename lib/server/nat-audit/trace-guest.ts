import { parseBoxKey } from "@/lib/domain/health/box-key";
import { parseEbtablesNat, parseNatTable, traceNat, type NatTable, type TracePacket } from "@/lib/domain/nat-audit";
import type { Result } from "@/lib/domain/result";
import { SSH_PORT } from "@/lib/domain/values/port";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import { sshConfig } from "@/lib/server/config/ssh-config";
import { db, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { loadHealthTargets } from "@/lib/server/health/load-health-targets";
import { limiter } from "@/lib/server/health/sweep-health";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import { probeSshHostKey } from "@/lib/ssh/probe-ssh-host-key";
import { collectNat } from "./collect-nat";
import type { NatTraceResponse, TraceInput } from "@/lib/domain/nat-audit/nat-trace-views";

/**
 * "Why can't head office reach this desktop?": reads the gateway's and the host's running nat
 * tables now (read-only, over their pinned sessions), simulates HQ -> guest-IP:port through
 * them (traceNat), and beside it probes the support path from here as a techie's ssh would:
 * guest-IP:22 must present the host's pinned key. `agree` says whether prediction and reality
 * match (null when an uninterpreted rule left the prediction open).
 */
export async function traceGuest(input: TraceInput, client: Db = db()): Promise<NatTraceResponse> {
  const ref = parseBoxKey(input.host);
  if (!ref || ref.kind !== "host") {
    throw new AppError("not_found", `host ${JSON.stringify(input.host)} does not exist`, { host: ["want host:<id>"] });
  }
  const key = `host:${ref.id}`;
  const branch = (await loadHealthTargets(client)).find((b) => b.hosts.some((h) => h.key === key));
  const host = branch?.hosts.find((h) => h.key === key);
  if (!branch || !host) throw new AppError("not_found", `host ${ref.id} does not exist`, { host: ["no such host"] });
  if (!host.guest) throw new AppError("validation", `${host.name} has no guest to trace to`, { host: ["no guest"] });
  const gwRow = await client.gateway.findFirst({ where: { branch: { code: branch.code } } });
  const config = sshConfig();
  const fleetKey = await loadFleetKey(config.fleetKeyPath);
  if (!fleetKey.ok) {
    throw new AppError("unavailable", `the fleet SSH key cannot be used: ${fleetKey.error} (BRANCHDESK_SSH_KEY)`);
  }
  const only = new Set([key, ...(branch.gateway ? [branch.gateway.key] : [])]);
  const [reads, probe] = await Promise.all([
    collectNat(branch, only, {
      fleetKey: fleetKey.value,
      connectTimeoutMs: Math.min(config.connectTimeoutMs, 8_000),
      commandTimeoutMs: 20_000,
      limit: limiter(2),
    }),
    supportProbe(host.guest.ip, host.ssh?.pinnedFingerprint ?? null),
  ]);
  const problems: string[] = [];
  const table = (k: string | undefined, part: "iptables" | "ebtables"): NatTable | null => {
    const r = reads.find((c) => c.target.key === k);
    if (!r) return null;
    if (!r.read.ok) {
      problems.push(`${r.target.name}: ${r.read.error}`);
      return null;
    }
    const text = part === "iptables" ? r.read.value.iptables : r.read.value.ebtables?.text;
    if (text === undefined) return null;
    const parsed: Result<NatTable> = part === "iptables" ? parseNatTable(text) : parseEbtablesNat(text);
    if (parsed.ok) return parsed.value;
    problems.push(`${r.target.name} ${part}: ${parsed.error}`);
    return null;
  };
  const packet: TracePacket = {
    src: (input.src ?? "192.0.2.1") as Ipv4,
    dst: host.guest.ip as Ipv4,
    proto: "tcp",
    sport: 40_000,
    dport: input.port ?? SSH_PORT,
    gatewayOutIf: gwRow?.lanIfname,
    hostBridge: host.bridge ?? undefined,
  };
  const trace = traceNat(
    {
      gateway: table(branch.gateway?.key, "iptables"),
      hostIptables: table(key, "iptables"),
      hostEbtables: table(key, "ebtables"),
    },
    packet,
  );
  const reachable = trace.verdict.reachable;
  return {
    host: { box: key, name: host.name, guestIp: host.guest.ip },
    packet: { src: packet.src, dst: packet.dst, proto: "tcp", dport: packet.dport ?? SSH_PORT },
    steps: trace.steps,
    verdict: trace.verdict,
    problems,
    probe,
    agree: reachable === null || probe === null ? null : reachable === probe.ok,
  };
}

async function supportProbe(ip: string, pinned: string | null): Promise<NatTraceResponse["probe"]> {
  if (!pinned) return null;
  const started = performance.now();
  const r = await probeSshHostKey(ip as Ipv4, SSH_PORT, 5_000, `support path ${ip}:22`);
  const ms = Math.round((performance.now() - started) * 10) / 10;
  if (!r.ok) return { ok: false, reason: r.error.message, ms };
  if (r.value !== pinned) return { ok: false, reason: `${ip}:22 presents ${r.value}, not the host's pinned key`, ms };
  return { ok: true, reason: `${ip}:22 presents the host's pinned key`, ms };
}
