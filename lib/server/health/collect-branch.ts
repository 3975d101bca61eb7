import { err, ok, type Result } from "@/lib/domain/result";
import type { BoxProbe, PathResult } from "@/lib/domain/health/box-probe";
import { parseHealthOutput } from "@/lib/domain/health/parse-health-output";
import { planFromRead } from "@/lib/rollout/ssh/plan-from-read";
import { parseBoxState } from "@/lib/rollout/ssh/read-state";
import { connectSsh, type SshSession } from "@/lib/ssh/connect-ssh";
import type { FleetKey } from "@/lib/ssh/fleet-key";
import { openRemoteShell } from "@/lib/ssh/remote-shell";
import { sshBannerThrough } from "./ssh-banner-through";
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
 * One branch's boxes, over SSH: the gateway directly, each host over its support path
 * (guest IP:22, as a techie's client reaches it), its link-local sshd checked through the
 * gateway's one shared session; one handshake and one remote step per box. `mine` are the
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
          const paths = await openHost(h, gwSession, o);
          try {
            const probe = await readBox(h, paths.session, paths.reach, !gwSession.ok, paths.support, branch, o, at);
            out.push({ target: h, probe });
          } finally {
            paths.session?.close();
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

type HostPaths = { session: SshSession | null; support: PathResult | null; reach: PathResult };

/**
 * A host's two paths with one SSH handshake when all is well: the session is opened over the
 * support path itself (guest IP:22 must present the host's pinned key, which connectSsh checks
 * inside the key exchange), and the gateway path is checked meanwhile by the link-local sshd's
 * banner through the gateway's session (a channel, no handshake). Only when the support path
 * fails does the host get a second handshake, through the gateway, to tell "rules broken"
 * from "host down".
 */
async function openHost(h: HealthTarget, gw: Result<SshSession, string>, o: CollectOptions): Promise<HostPaths> {
  const reachP: Promise<PathResult> = !gw.ok
    ? Promise.resolve({ ok: false, reason: `its gateway is unreachable: ${gw.error}` })
    : !h.ssh
      ? Promise.resolve({ ok: false, reason: `not checkable: ${h.problem}` })
      : sshBannerThrough(gw.value, h.ssh, o.probeTimeoutMs);
  let support: PathResult | null = null;
  let session: SshSession | null = null;
  if (h.support) {
    const started = performance.now();
    const r = await connectSsh(h.support, { fleetKey: o.fleetKey, connectTimeoutMs: o.connectTimeoutMs });
    if (r.ok) {
      session = r.value;
      support = { ok: true, ms: r.value.connectMs };
    } else if (r.error.kind === "host-key-mismatch") {
      support = {
        ok: false,
        reason:
          `${h.guest!.ip}:22 presents ${r.error.got}, not ${h.name}'s pinned key: ` +
          "the support path lands elsewhere",
      };
    } else if (r.error.kind === "auth") {
      // The pinned key answered (it is checked before authentication): the path works, the login did not.
      support = { ok: true, ms: Math.round((performance.now() - started) * 10) / 10 };
    } else support = { ok: false, reason: r.error.message };
  }
  const reach = await reachP;
  if (session || !gw.ok || !h.ssh || !reach.ok) return { session, support, reach };
  // The support path is broken (or unknown): read the host through its gateway instead.
  const r = await connectSsh(h.ssh, { fleetKey: o.fleetKey, connectTimeoutMs: o.connectTimeoutMs, via: gw.value });
  if (!r.ok) return { session: null, support, reach: { ok: false, reason: r.error.message } };
  return { session: r.value, support, reach };
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
