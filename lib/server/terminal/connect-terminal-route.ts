import { err, ok, type Result } from "@/lib/domain/result";
import { connectSsh, type SshSession } from "@/lib/ssh/connect-ssh";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import type { SshFailure } from "@/lib/ssh/ssh-failure";
import { sshConfig } from "@/lib/server/config/ssh-config";
import type { TerminalRoute } from "./terminal-box";

export type TerminalConnection = {
  session: SshSession;
  /** The gateway's own session on the gateway path: closed with the terminal. */
  jump: SshSession | null;
  connectMs: number;
  close(): void;
};

/**
 * Opens the SSH connection of one path, verifying every pinned key on the way
 * (the gateway's, then the host's end to end through it). Short keepalives:
 * a box that vanishes ends the terminal within seconds, never freezes it.
 */
export async function connectTerminalRoute(route: TerminalRoute): Promise<Result<TerminalConnection, SshFailure>> {
  const config = sshConfig();
  const key = await loadFleetKey(config.fleetKeyPath);
  if (!key.ok) return err({ kind: "protocol", where: "the dashboard", message: key.error });
  const common = {
    fleetKey: key.value,
    connectTimeoutMs: config.connectTimeoutMs,
    keepaliveIntervalMs: 5_000,
    keepaliveCountMax: 3,
  };
  const started = performance.now();
  let jump: SshSession | null = null;
  if (route.via) {
    const gw = await connectSsh(route.via, common);
    if (!gw.ok) return err(gw.error);
    jump = gw.value;
  }
  const session = await connectSsh(route.target, { ...common, ...(jump ? { via: jump } : {}) });
  if (!session.ok) {
    jump?.close();
    return err(session.error);
  }
  const s = session.value;
  return ok({
    session: s,
    jump,
    connectMs: Math.round(performance.now() - started),
    close() {
      s.close();
      jump?.close();
    },
  });
}
