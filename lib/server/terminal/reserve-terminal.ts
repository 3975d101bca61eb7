import type { TerminalSettings } from "@/lib/domain/terminal/terminal-settings";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { INSTANCE_ID } from "@/lib/server/rollouts/instance-id";
import type { TerminalBox, TerminalRoute } from "./terminal-box";

/** A live session's heartbeat is written this often; one this stale died with its process. */
export const TERMINAL_HEARTBEAT_MS = 10_000;
export const TERMINAL_STALE_MS = 60_000;

export type Reservation = { ok: true } | { ok: false; message: string };

/**
 * Takes a place for a new session under the concurrency limits, in one
 * SERIALIZABLE transaction (so two opens racing for the last place cannot both
 * win, on either database): the row exists, open, from here on and counts
 * against the limits while the SSH connection is being made.
 */
export async function reserveTerminal(
  id: string,
  actor: Actor,
  client: "web" | "cli",
  box: TerminalBox,
  route: TerminalRoute,
  size: { cols: number; rows: number },
  settings: TerminalSettings,
): Promise<Reservation> {
  await closeStaleTerminals();
  const fresh = new Date(Date.now() - TERMINAL_STALE_MS);
  return writeTransaction(actor, async (tx) => {
    const open = { endedAt: null, heartbeatAt: { gt: fresh } };
    const mine = await tx.terminalSession.count({ where: { ...open, username: actor.username } });
    if (mine >= settings.maxPerUser)
      return {
        ok: false,
        message:
          `limit reached: ${actor.username} already has ${mine} terminal session(s) open and the limit per user is ` +
          `${settings.maxPerUser}; close one first (or an admin raises "maxPerUser" in the terminal settings)`,
      } as const;
    const all = await tx.terminalSession.count({ where: open });
    if (all >= settings.maxTotal)
      return {
        ok: false,
        message:
          `limit reached: ${all} terminal sessions are open on the dashboard and the limit in total is ` +
          `${settings.maxTotal}; try again when one closes (or an admin raises "maxTotal")`,
      } as const;
    await tx.terminalSession.create({
      data: {
        id,
        userId: actor.userId,
        username: actor.username,
        client,
        boxKind: box.ref.kind,
        boxId: box.ref.id,
        boxName: box.name,
        branchCode: box.branchCode,
        path: route.path,
        route: route.route,
        instanceId: INSTANCE_ID,
        recordsInput: settings.recordInput,
        cols: size.cols,
        rows: size.rows,
      },
    });
    return { ok: true } as const;
  });
}

/**
 * Sessions still open whose process stopped heartbeating (a restart, a crash)
 * are closed as interrupted, with their audit record. Cheap; runs before each
 * reservation and when the dashboard starts.
 */
export async function closeStaleTerminals(now = new Date()): Promise<number> {
  const stale = await db().terminalSession.findMany({
    where: { endedAt: null, heartbeatAt: { lt: new Date(now.getTime() - TERMINAL_STALE_MS) } },
  });
  for (const row of stale) {
    await writeTransaction({ username: "system" }, async (tx, audit) => {
      const closed = await tx.terminalSession.updateMany({
        where: { id: row.id, endedAt: null },
        data: {
          endedAt: row.heartbeatAt,
          durationMs: Math.max(0, row.heartbeatAt.getTime() - row.startedAt.getTime()),
          endReason: "interrupted",
          endMessage: "the dashboard process holding this session stopped; the recording ends where it did",
        },
      });
      if (closed.count === 0) return;
      audit(
        { type: row.boxKind === "gateway" ? "gateway" : "host", id: row.boxId, action: "terminal.close" },
        null,
        { sessionId: row.id, user: row.username, box: row.boxName, path: row.path, reason: "interrupted" },
        `terminal session ${row.id} of ${row.username} on ${row.boxName} closed as interrupted ` +
          `(its dashboard process stopped)`,
      );
    });
  }
  return stale.length;
}
