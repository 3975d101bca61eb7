import { err, ok, type Result } from "@/lib/domain/result";
import { renderRuleSet } from "@/lib/domain/rules/render-rule-set";
import { SSH_PORT } from "@/lib/domain/values/port";
import { connectSsh, type SshSession } from "@/lib/ssh/connect-ssh";
import type { FleetKey } from "@/lib/ssh/fleet-key";
import { probeSshHostKey } from "@/lib/ssh/probe-ssh-host-key";
import { openRemoteShell, type RemoteShell } from "@/lib/ssh/remote-shell";
import { agentApplyStep, agentFollowUpStep, type AgentCommand } from "./agent-bundle";
import { parseAgentResult, type AgentResult, type AgentSuccess } from "./agent-result";
import { planFromRead } from "./plan-from-read";
import { parseBoxState, readBoxState, readStateScript } from "./read-state";
import type { StepResult, TargetDriver, TargetRef, TargetSession } from "../rollout-types";
import type { TargetSpec } from "./target-spec";

export type SshDriverOptions = {
  fleetKey: FleetKey;
  confirmTimeoutSeconds?: number;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  probeTimeoutMs?: number;
};

/**
 * Drives targets over SSH with the shipped agent. Gateways are reached
 * directly; hosts through their gateway's session (link-local addresses are
 * only reachable from the branch LAN), one shared jump session per gateway,
 * so a branch of 50 hosts costs the gateway one SSH handshake, not 50.
 */
export function sshTargetDriver(
  specs: Map<string, TargetSpec>,
  options: SshDriverOptions,
): TargetDriver & { close(): Promise<void> } {
  const shared = new Map<string, Promise<Result<SshSession, string>>>();
  const connect = (spec: TargetSpec, via?: SshSession) =>
    connectSsh(spec.ssh, { fleetKey: options.fleetKey, connectTimeoutMs: options.connectTimeoutMs, via }).then(
      (r): Result<SshSession, string> => (r.ok ? r : err(r.error.message)),
    );
  const gatewaySession = (key: string): Promise<Result<SshSession, string>> => {
    let s = shared.get(key);
    if (!s) {
      const spec = specs.get(key);
      s = spec ? connect(spec) : Promise.resolve(err(`no gateway ${key} in this rollout`));
      shared.set(key, s);
    }
    return s.then(async (r) => {
      if (r.ok && r.value.lost) {
        shared.delete(key); // died (gateway rebooted?): reconnect once
        return gatewaySession(key);
      }
      return r;
    });
  };

  return {
    async open(ref: TargetRef): Promise<StepResult<TargetSession>> {
      const spec = specs.get(ref.key);
      if (!spec) return err(`no target ${ref.key} in this rollout`);
      if (spec.kind === "gateway") {
        const s = await gatewaySession(spec.key);
        return s.ok ? ok(targetSession(spec, s.value, false, options, () => connect(spec))) : s;
      }
      const jump = await gatewaySession(spec.via ?? "");
      if (!jump.ok) return err(`its gateway is unreachable: ${jump.error}`);
      const s = await connect(spec, jump.value);
      return s.ok ? ok(targetSession(spec, s.value, true, options, () => connect(spec, jump.value))) : s;
    },
    async close() {
      for (const s of shared.values()) {
        const r = await s;
        if (r.ok) r.value.close();
      }
      shared.clear();
    },
  };
}

/**
 * One target's conversation. Plan, apply, confirm (or rollback) are steps of
 * one remote shell (lib/ssh/remote-shell.ts): the box starts one SSH session
 * for the whole target, the agent is shipped once, and the confirm runs the
 * very file the apply ran. The end-to-end check in between is a separate
 * connection from head office, as the support path is used.
 */
function targetSession(
  spec: TargetSpec,
  session: SshSession,
  owned: boolean,
  options: SshDriverOptions,
  reconnect: () => Promise<Result<SshSession, string>>,
): TargetSession {
  const timeoutMs = options.commandTimeoutMs ?? 60_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
  let shell: Promise<Result<RemoteShell, string>> | null = null;
  const theShell = () =>
    (shell ??= openRemoteShell(session, { timeoutMs }).then((r): Result<RemoteShell, string> =>
      r.ok ? r : err(r.error.message),
    ));
  const step = async (script: Result<string>, name: string, okExitCodes?: number[]) => {
    if (!script.ok) return script;
    const sh = await theShell();
    if (!sh.ok) return sh;
    const out = await sh.value.step(script.value, { name, timeoutMs, okExitCodes });
    return out.ok ? out : err(out.error.message);
  };
  const agent = async <V extends AgentResult["verb"]>(
    verb: V,
    script: Result<string>,
  ): Promise<StepResult<AgentSuccess<V>>> => {
    const out = await step(script, `branchdesk-agent ${verb}`, [0, 1, 2, 3, 4, 5]);
    return out.ok ? agentAnswer<V>(verb, out.value.stdout, out.value.stderr) : out;
  };
  // Gateways: the support paths through it that worked before the change must
  // still work after it (a wrong SNAT address breaks every host behind it).
  let workingBefore: TargetSpec["verify"] = [];
  let appliedToken: string | undefined;
  return {
    async plan() {
      const out = await step(ok(readStateScript()), "state read");
      if (!out.ok) return out;
      const read = parseBoxState(out.value.stdout);
      return read.ok ? planFromRead(spec.desired, read.value, undefined, spec.adopt) : read;
    },
    async apply(token) {
      if (spec.kind === "gateway" || spec.adopt?.length)
        workingBefore = await workingPaths(spec.verify, probeTimeoutMs);
      // An adoption takes over a box whose support path works: one that is broken before would
      // make "still works after" prove nothing about the hand-made rules it removes.
      if (spec.adopt?.length && workingBefore.length < spec.verify.length) {
        const broken = spec.verify.filter((p) => !workingBefore.includes(p)).map((p) => `${p.guestIp}:22`);
        return err(`the support path ${broken.join(", ")} does not work before the adoption; fix it first`);
      }
      appliedToken = token;
      const rendered = renderRuleSet(spec.desired);
      const cmd: AgentCommand = {
        verb: "apply",
        token,
        confirmTimeoutSeconds: options.confirmTimeoutSeconds ?? 30,
        payload: { rendered, bridge: spec.bridge, adopt: spec.adopt },
      };
      const r = await agent("apply", agentApplyStep(cmd));
      if (!r.ok) return r;
      const v = r.value;
      return ok({
        output:
          `applied: ${v.counts.iptablesRules} iptables + ${v.counts.ebtablesRules} ebtables rules, ` +
          `${v.counts.jumps} jumps; ${v.digestBefore} -> ${v.digestAfter}; ` +
          (spec.adopt?.length ? `${spec.adopt.length} hand-made lines removed; ` : "") +
          `${v.armed ? `rollback armed for ${v.rollbackArmedSeconds}s` : v.note}`,
      });
    },
    async verify() {
      if (spec.kind === "gateway") {
        const reachable = await verifyGateway(spec, reconnect, timeoutMs, appliedToken);
        if (!reachable.ok) return reachable;
        const paths = await verifyPaths(spec.label, workingBefore, probeTimeoutMs);
        return paths.ok ? ok({ output: [reachable.value.output, paths.value.output].join("\n") }) : paths;
      }
      return verifyPaths(spec.label, spec.verify, probeTimeoutMs);
    },
    async confirm(token) {
      const r = await agent("confirm", agentFollowUpStep({ verb: "confirm", token }));
      return r.ok ? ok({ output: `confirmed ${token}` }) : r;
    },
    async rollback(token) {
      const r = await agent("rollback", agentFollowUpStep({ verb: "rollback", token }));
      return r.ok
        ? ok({ output: r.value.rolledBack ? `rolled back ${token}` : `nothing to roll back for ${token}` })
        : r;
    },
    async close() {
      const sh = shell ? await shell : null;
      // EOF (or the disconnect right after it) ends the shell, whose EXIT trap
      // removes the agent's directory: no need to hold the slot for its close.
      if (sh?.ok) void sh.value.end();
      if (owned) session.close();
    },
  };
}

/** The agent's answer to one verb; a clean agent failure ({ ok: false }) becomes an error naming its stage. */
function agentAnswer<V extends AgentResult["verb"]>(
  verb: V,
  stdout: string,
  stderr: string,
): StepResult<AgentSuccess<V>> {
  const parsed = parseAgentResult(stdout);
  if (!parsed.ok) return err(`${parsed.error}${stderr ? ` (stderr: ${stderr.trim().slice(-300)})` : ""}`);
  const result = parsed.value;
  if (!result.ok) return err(`agent ${result.verb} failed at ${result.stage}: ${result.error}`);
  if (result.verb !== verb) return err(`agent answered ${result.verb} to ${verb}`);
  return ok(result as AgentSuccess<V>);
}

/** The subset of support paths that work right now (one probe each, in parallel). */
async function workingPaths(paths: TargetSpec["verify"], probeTimeoutMs: number): Promise<TargetSpec["verify"]> {
  const seen = await Promise.all(paths.map((p) => probeSshHostKey(p.guestIp, SSH_PORT, probeTimeoutMs)));
  return paths.filter((p, i) => {
    const s = seen[i]!;
    return s.ok && s.value === p.expected;
  });
}

/** From head office, each guest IP's port 22 must present its host's pinned key. */
async function verifyPaths(
  label: string,
  paths: TargetSpec["verify"],
  probeTimeoutMs: number,
): Promise<StepResult<{ output: string }>> {
  const lines: string[] = [];
  for (const { guestIp, expected, hostLabel } of paths) {
    let last = "";
    // A few tries: the gateway may still hold a stale neighbour entry for a moment.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const seen = await probeSshHostKey(
        guestIp,
        SSH_PORT,
        probeTimeoutMs,
        `guest IP ${guestIp}:22 (support path to ${hostLabel})`,
      );
      if (seen.ok && seen.value === expected) {
        last = "";
        break;
      }
      last = seen.ok
        ? `HQ -> ${guestIp}:22 presented ${seen.value}, ` +
          `but ${hostLabel} is pinned to ${expected}: the path lands on another box`
        : `HQ -> ${guestIp}:22 (support path to ${hostLabel}) failed: ${seen.error.message}`;
      if (attempt < 3) await new Promise((r) => setTimeout(r, 700 * attempt));
    }
    if (last) return err(last);
    lines.push(`HQ -> ${guestIp}:22 presents ${expected}`);
  }
  return ok({ output: lines.join("\n") || `${label}: no working support path to check end to end` });
}

/** A fresh SSH connection after the change proves the gateway still lets head office in. */
async function verifyGateway(
  spec: TargetSpec,
  reconnect: () => Promise<Result<SshSession, string>>,
  timeoutMs: number,
  ownToken?: string,
): Promise<StepResult<{ output: string }>> {
  const s = await reconnect();
  if (!s.ok) return err(`a new SSH connection to ${spec.label} failed after the change: ${s.error}`);
  try {
    const read = await readBoxState(s.value, timeoutMs);
    if (!read.ok) return read;
    const plan = planFromRead(spec.desired, read.value, ownToken, spec.adopt);
    if (!plan.ok) return plan;
    if (plan.value.kind === "in-flux")
      return err(`after applying, ${spec.label} holds another unconfirmed change (token ${plan.value.pending.token})`);
    if (plan.value.plan.changed) {
      const changes = plan.value.plan.diff.filter((l) => !l.startsWith(" ")).join("; ");
      return err(`after applying, ${spec.label} still differs: ${changes}`);
    }
    return ok({ output: `${spec.label} reachable again over SSH; rules in place` });
  } finally {
    s.value.close();
  }
}
