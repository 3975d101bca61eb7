import { NodeSSH } from "node-ssh";
import type { Duplex } from "node:stream";
import type { Client } from "ssh2";
import { err, ok, type Result } from "@/lib/domain/result";
import { classifySshError, type SshErrorContext } from "./classify-ssh-error";
import { fleetKeyMaterial, type FleetKey } from "./fleet-key";
import { HOST_KEY_ALGORITHMS, hostKeyFingerprint, type HostKeyFingerprint } from "./host-key-fingerprint";
import { resolveSshAddress, type ResolveAll } from "./resolve-ssh-address";
import { hostKeyMismatch, hostKeyUnpinned, type SshFailure } from "./ssh-failure";
import { sshRouteKey } from "./ssh-route-key";
import { describeTarget, type SshTarget } from "./ssh-target";

export type ConnectSshOptions = {
  fleetKey: FleetKey;
  /** TCP connect + key exchange + authentication, all of it (default 10 s). */
  connectTimeoutMs?: number;
  /** SSH-level keepalive: a box that vanishes mid-rollout is noticed within interval x countMax. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /**
   * Reach the target through this already-verified session (a branch gateway):
   * hosts live on link-local addresses only the gateway's LAN side can reach.
   * The target's own host key is still verified end to end.
   */
  via?: SshSession;
  /** Tests: stands in for the system resolver when a direct target is a DNS name. */
  resolve?: ResolveAll;
};

/** An authenticated connection to a box whose host key matched its pin. */
export type SshSession = {
  readonly target: SshTarget;
  readonly routeKey: string;
  readonly hostKey: HostKeyFingerprint;
  /** The verified key itself in OpenSSH's form ("ssh-ed25519 AAAA..."), for known_hosts lines. */
  readonly hostPublicKey: string;
  readonly connectMs: number;
  /** Why the connection died (keepalive timeout, reset), or null while it is alive. */
  readonly lost: SshFailure | null;
  close(): void;
};

const clients = new WeakMap<SshSession, Client>();

/** @internal for run-command: the live ssh2 client behind a session. */
export function sessionClient(session: SshSession): Client {
  const client = clients.get(session);
  if (!client) throw new Error("not an SshSession made by connectSsh");
  return client;
}

/**
 * Connects with the fleet key, verifying the presented host key against the
 * target's pin inside the key exchange: on a mismatch ssh2 aborts before
 * authentication, so neither the fleet key's signature nor any command ever
 * reaches the wrong box. A target without a pin is refused without opening a
 * socket; the only way to learn an unknown key is scanHostKey.
 */
export async function connectSsh(
  target: SshTarget,
  options: ConnectSshOptions,
): Promise<Result<SshSession, SshFailure>> {
  const where = describeTarget(target);
  const pinned = target.pinnedFingerprint;
  if (pinned === null) return err(hostKeyUnpinned(where));

  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const ctx: SshErrorContext = {
    where,
    address: target.address,
    port: target.port,
    username: target.username,
    timeoutMs,
    phase: "connect",
  };
  // Written by the verifier during the key exchange; an object so TS does not narrow it to its initial value.
  const seen: { key: HostKeyFingerprint | null; blob: Buffer | null } = { key: null, blob: null };
  const { privateKey, passphrase } = fleetKeyMaterial(options.fleetKey);
  const ssh = new NodeSSH();
  const started = performance.now();
  let sock: Duplex | undefined;
  // Direct connections are the dashboard's own sockets: the address policy applies (resolveSshAddress).
  // Through a gateway the gateway dials, and a host's address is link-local by design.
  let dial: string = target.address;
  if (!options.via) {
    const checked = await resolveSshAddress(target.address, ctx, { resolve: options.resolve });
    if (!checked.ok) return err(checked.error);
    dial = checked.value;
  } else {
    const tunnel = await forwardThrough(options.via, target, timeoutMs);
    if (!tunnel.ok)
      return err(
        classifySshError(tunnel.error, { ...ctx, where: `${where} via ${describeTarget(options.via.target)}` }),
      );
    sock = tunnel.value;
  }
  try {
    await ssh.connect({
      ...(sock ? { sock } : {}),
      host: dial,
      port: target.port,
      username: target.username,
      privateKey,
      ...(passphrase !== undefined ? { passphrase } : {}),
      readyTimeout: timeoutMs,
      keepaliveInterval: options.keepaliveIntervalMs ?? 10_000,
      keepaliveCountMax: options.keepaliveCountMax ?? 3,
      algorithms: { serverHostKey: [...HOST_KEY_ALGORITHMS] },
      hostVerifier: (key: Buffer) => {
        seen.key = hostKeyFingerprint(key);
        seen.blob = key;
        return seen.key === pinned;
      },
    });
  } catch (e) {
    ssh.dispose();
    if (seen.key !== null && seen.key !== pinned) return err(hostKeyMismatch(where, pinned, seen.key));
    return err(classifySshError(e, ctx));
  }

  const client = ssh.connection;
  if (client === null || seen.key !== pinned) {
    // ssh2 only emits "ready" after the verifier said yes; this guards against a regression there.
    ssh.dispose();
    return err({
      kind: "protocol",
      where,
      message: `${where} completed a handshake without host key verification — refusing to use it`,
    });
  }

  // Commands are small request/response exchanges: with Nagle on (node's
  // default) each one waits for the peer's delayed ACK, ~60 ms instead of ~15 ms.
  client.setNoDelay(true);

  let lost: SshFailure | null = null;
  // node-ssh drops its own "error" listener once connected; without ours, a
  // keepalive timeout would be an unhandled "error" event and kill the process.
  client.on("error", (e) => {
    lost ??= classifySshError(e, { ...ctx, phase: "session" });
  });
  client.on("close", () => {
    lost ??= { kind: "protocol", where, message: `the SSH connection to ${where} was closed; reconnect to continue` };
  });

  const session: SshSession = {
    target,
    routeKey: options.via ? `${options.via.routeKey}>${sshRouteKey(target)}` : sshRouteKey(target),
    hostKey: pinned,
    hostPublicKey: seen.blob ? openSshPublicKey(seen.blob) : "",
    connectMs: Math.round(performance.now() - started),
    get lost() {
      return lost;
    },
    close() {
      lost ??= { kind: "protocol", where, message: `the SSH session to ${where} was closed by the dashboard` };
      ssh.dispose();
    },
  };
  clients.set(session, client);
  return ok(session);
}

/** A key blob as an OpenSSH public key line: its algorithm name (the blob's first string) and base64. */
export function openSshPublicKey(blob: Buffer): string {
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const algorithm = blob.subarray(4, 4 + len).toString("latin1");
  return /^[a-z0-9@.-]{1,64}$/.test(algorithm) ? `${algorithm} ${blob.toString("base64")}` : "";
}

/** A direct-tcpip channel from the jump session to the target's sshd. */
export function forwardThrough(
  via: SshSession,
  target: SshTarget,
  timeoutMs: number,
): Promise<Result<Duplex, unknown>> {
  if (via.lost) return Promise.resolve(err(via.lost));
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve(err(Object.assign(new Error("forward timed out"), { code: "ETIMEDOUT" }))),
      timeoutMs,
    );
    sessionClient(via).forwardOut("127.0.0.1", 0, target.address, target.port, (e, stream) => {
      clearTimeout(timer);
      // The gateway's sshd reports an unreachable or refused destination as a
      // channel open failure; map it to the refused/unreachable kinds.
      if (e)
        resolve(
          err(Object.assign(e, { code: (e as { reason?: number }).reason === 2 ? "ECONNREFUSED" : "EHOSTUNREACH" })),
        );
      else resolve(ok(stream));
    });
  });
}
