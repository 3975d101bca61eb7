import { err, ok, type Result } from "@/lib/domain/result";
import { connectSsh, type SshSession } from "@/lib/ssh/connect-ssh";
import type { FleetKey } from "@/lib/ssh/fleet-key";
import { runCommand } from "@/lib/ssh/run-command";
import type { HealthBranch, HealthTarget } from "@/lib/server/health/load-health-targets";
import { NAT_READ_SCRIPT, parseNatRead, type NatRead } from "./nat-read-script";

export type NatCollectOptions = {
  fleetKey: FleetKey;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** Bounds boxes in flight across the whole audit (the health sweep's limiter). */
  limit: <T>(run: () => Promise<T>) => Promise<T>;
};

export type NatCollected = { target: HealthTarget; at: Date; read: Result<NatRead, string> };

/**
 * Reads the nat tables of one branch's boxes: the gateway directly, each host at its
 * link-local address through the gateway's one session (as health sweeps and rollouts reach
 * them), every host key checked against its pin. One `sh -s` with a fixed script per box.
 * `only` (target keys) limits which boxes are read; the gateway session is opened for hosts
 * even when the gateway itself is not asked for.
 */
export async function collectNat(
  branch: HealthBranch,
  only: ReadonlySet<string> | null,
  o: NatCollectOptions,
): Promise<NatCollected[]> {
  const wanted = (t: HealthTarget) => only === null || only.has(t.key);
  const gw = branch.gateway;
  const hosts = branch.hosts.filter(wanted);
  if (!gw && hosts.length === 0) return [];
  let gwSession: Result<SshSession, string> = err("its branch has no gateway in the inventory");
  if (gw?.ssh) {
    const r = await o.limit(() => connectSsh(gw.ssh!, { fleetKey: o.fleetKey, connectTimeoutMs: o.connectTimeoutMs }));
    gwSession = r.ok ? ok(r.value) : err(r.error.message);
  } else if (gw) gwSession = err(`gateway ${gw.name} cannot be reached: ${gw.problem}`);
  try {
    const jobs: Promise<NatCollected>[] = [];
    if (gw && wanted(gw)) {
      jobs.push(o.limit(async () => readOne(gw, gwSession.ok ? gwSession.value : null, gwSession, o)));
    }
    for (const h of hosts) {
      jobs.push(
        o.limit(async () => {
          if (!gwSession.ok) return failed(h, `its gateway is unreachable: ${gwSession.error}`);
          if (!h.ssh) return failed(h, `not readable: ${h.problem}`);
          const r = await connectSsh(h.ssh, {
            fleetKey: o.fleetKey,
            connectTimeoutMs: o.connectTimeoutMs,
            via: gwSession.value,
          });
          if (!r.ok) return failed(h, r.error.message);
          try {
            return await readOne(h, r.value, ok(r.value), o);
          } finally {
            r.value.close();
          }
        }),
      );
    }
    return await Promise.all(jobs);
  } finally {
    if (gwSession.ok) gwSession.value.close();
  }
}

const failed = (target: HealthTarget, reason: string): NatCollected => ({
  target,
  at: new Date(),
  read: err(reason),
});

async function readOne(
  t: HealthTarget,
  session: SshSession | null,
  reach: Result<SshSession, string>,
  o: NatCollectOptions,
): Promise<NatCollected> {
  if (!session) return failed(t, reach.ok ? "no session" : reach.error);
  let out: Awaited<ReturnType<typeof runCommand>>;
  try {
    out = await runCommand(session, { script: NAT_READ_SCRIPT, name: "nat read" }, { timeoutMs: o.commandTimeoutMs });
  } catch (e) {
    // ssh2 throws synchronously when the socket is already gone.
    return failed(t, `nat read on ${t.name} failed: ${(e as Error).message}`);
  }
  const at = new Date();
  if (!out.ok) return { target: t, at, read: err(out.error.message) };
  const read = parseNatRead(out.value.stdout);
  return { target: t, at, read: read.ok ? read : err(`${t.name}: ${read.error}`) };
}
