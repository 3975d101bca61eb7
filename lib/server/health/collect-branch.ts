import { err, ok, type Result } from "@/lib/domain/result";
import type { BoxProbe, PathResult } from "@/lib/domain/health/box-probe";
import { parseHealthOutput } from "@/lib/domain/health/parse-health-output";
import { SSH_PORT } from "@/lib/domain/values/port";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import { planFromRead } from "@/lib/rollout/ssh/plan-from-read";
import { parseBoxState } from "@/lib/rollout/ssh/read-state";
import { connectSsh, type SshSession } from "@/lib/ssh/connect-ssh";
import type { FleetKey } from "@/lib/ssh/fleet-key";
import { probeSshHostKey } from "@/lib/ssh/probe-ssh-host-key";
import { openRemoteShell } from "@/lib/ssh/remote-shell";
import { healthStepScript } from "./health-script";
import type { HealthBranch, HealthTarget } from "./load-health-targets";

export type CollectOptions = {
  fleetKey: FleetKey;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  probeTimeoutMs: number;
  /** Bounds boxes in flight across the whole sweep. */
  limit: <T>(run: () => Promise<T>) => Promise<T>;
  /** Tests: environment for a box's health read (a fixture /proc). */
  env?: (t: HealthTarget) => Record<string, string>;
};

export type Collected = { target: HealthTarget; probe: BoxProbe };

/**
 * One branch's boxes, over SSH: the gateway directly, each host through the
 * gateway's one shared session (its link-local address), one connection and one
 * remote step per box; the support path (guest IP:22 presents the host's pinned
 * key) is probed from here, as a techie's client would use it. `mine` are the
 * boxes this instance holds leases for; the gateway session is opened for the
 * hosts even when another instance probes the gateway itself.
 */
export async function collectBranch(branch: HealthBranch, mine: Set<string>, o: CollectOptions): Promise<Collected[]> {
  const out: Collected[] = [];
  const gw = branch.gateway;
  let gwSession: Result<SshSession, string> = err("this branch has no gateway in the inventory");
  if (gw?.ssh) {
    const r = await o.limit(() => connectSsh(gw.ssh!, { fleetKey: o.fleetKey, connectTimeoutMs: o.connectTimeoutMs }));
    gwSession = r.ok ? ok(r.value) : err(r.error.message);
  } else if (gw) gwSession = err(`gateway ${gw.name} cannot be reached: ${gw.problem}`);
  try {
    const jobs: Promise<void>[] = [];
    if (gw && mine.has(gw.key)) {
      jobs.push(
        (async () => {
          const at = new Date();
          const reach: PathResult = gwSession.ok
            ? { ok: true, ms: gwSession.value.connectMs }
            : { ok: false, reason: gwSession.error };
          const probe = await readBox(gw, gwSession.ok ? gwSession.value : null, reach, false, null, branch, o, at);
          out.push({ target: gw, probe });
        })(),
      );
    }
    for (const h of branch.hosts) {
      if (!mine.has(h.key)) continue;
      jobs.push(
        o.limit(async () => {
          const at = new Date();
          const supportP = supportPath(h, o.probeTimeoutMs);
          let session: SshSession | null = null;
          let reach: PathResult;
          if (!gwSession.ok) reach = { ok: false, reason: `its gateway is unreachable: ${gwSession.error}` };
          else if (!h.ssh) reach = { ok: false, reason: `not checkable: ${h.problem}` };
          else {
            const r = await connectSsh(h.ssh, {
              fleetKey: o.fleetKey,
              connectTimeoutMs: o.connectTimeoutMs,
              via: gwSession.value,
            });
            if (r.ok) session = r.value;
            reach = r.ok ? { ok: true, ms: r.value.connectMs } : { ok: false, reason: r.error.message };
          }
          try {
            const probe = await readBox(h, session, reach, !gwSession.ok, await supportP, branch, o, at);
            out.push({ target: h, probe });
          } finally {
            session?.close();
          }
        }),
      );
    }
    await Promise.all(jobs);
  } finally {
    if (gwSession.ok) gwSession.value.close();
  }
  return out;
}

async function supportPath(h: HealthTarget, timeoutMs: number): Promise<PathResult | null> {
  const pinned = h.ssh?.pinnedFingerprint;
  if (!h.guest || !pinned) return null;
  const started = performance.now();
  const r = await probeSshHostKey(h.guest.ip as Ipv4, SSH_PORT, timeoutMs, `support path ${h.guest.ip}:22`);
  const ms = Math.round((performance.now() - started) * 10) / 10;
  if (!r.ok) return { ok: false, reason: r.error.message };
  if (r.value !== pinned) {
    return {
      ok: false,
      reason: `${h.guest.ip}:22 presents ${r.value}, not ${h.name}'s pinned key: the support path lands elsewhere`,
    };
  }
  return { ok: true, ms };
}

async function readBox(
  t: HealthTarget,
  session: SshSession | null,
  reach: PathResult,
  gatewayDown: boolean,
  support: PathResult | null,
  branch: HealthBranch,
  o: CollectOptions,
  at: Date,
): Promise<BoxProbe> {
  const probe: BoxProbe = {
    kind: t.kind,
    at,
    gatewayDown,
    support,
    reach,
    rules: null,
    reading: null,
    readingError: null,
    lastRollout: branch.lastRollout ? { id: branch.lastRollout.id, status: branch.lastRollout.status } : null,
    expected: {
      guestMac: t.guest?.mac ?? null,
      guestIp: t.guest?.ip ?? null,
      linkLocalIp: t.linkLocalIp,
      bridge: t.bridge,
    },
    ebtablesNat: null,
  };
  if (!session) return probe;
  const shell = await openRemoteShell(session, { timeoutMs: o.commandTimeoutMs });
  if (!shell.ok) {
    probe.readingError = shell.error.message;
    return probe;
  }
  try {
    const script = healthStepScript(t.kind, t.bridge, t.guest?.domain ?? null, o.env?.(t));
    const step = await shell.value.step(script, { name: "health read", timeoutMs: o.commandTimeoutMs });
    probe.at = new Date();
    if (!step.ok) {
      probe.readingError = step.error.message;
      return probe;
    }
    const stdout = step.value.stdout;
    const reading = parseHealthOutput(stdout);
    if (reading.ok) probe.reading = reading.value;
    else probe.readingError = reading.error;
    const state = parseBoxState(stdout.slice(0, stdout.indexOf("\n@@health\n") + 1));
    if (!state.ok) probe.rules = { error: `rules read failed: ${state.error}` };
    else {
      probe.ebtablesNat = state.value.ebtablesNat;
      if (!t.desired) probe.rules = { error: `no desired rules: ${t.problem}` };
      else {
        const plan = planFromRead(t.desired, state.value);
        if (!plan.ok) probe.rules = { error: plan.error };
        else if (plan.value.kind === "in-flux") {
          const p = plan.value.pending;
          probe.rules = { drifted: false, diff: [], pending: `${p.token}, ${p.secondsLeft}s before rollback` };
        } else probe.rules = { drifted: plan.value.plan.changed, diff: plan.value.plan.diff, pending: null };
      }
    }
    return probe;
  } finally {
    void shell.value.end();
  }
}
