import { roleAllows, ZRole } from "@/lib/domain/role";
import { db } from "@/lib/server/db/client";
import { liveTerminals } from "./live-terminals";
import { TERMINAL_HEARTBEAT_MS } from "./reserve-terminal";

/** How soon a sign-out or a disabled account ends that user's terminals. */
export const REVOCATION_CHECK_MS = 2_000;

const KEY = Symbol.for("branchdesk.terminal.watchdog");
type WithWatchdog = typeof globalThis & { [KEY]?: NodeJS.Timeout };

/**
 * One timer per process while terminals are live: every 2 s one query checks
 * that each web session's dashboard session still exists and its user is
 * still enabled and an operator (a sign-out elsewhere, an admin disabling the
 * user or lowering the role, or another dashboard instance doing so, all end
 * the terminal); every 10 s one update tells other instances these sessions
 * are alive (TerminalSession.heartbeatAt).
 */
export function ensureTerminalWatchdog(): void {
  const g = globalThis as WithWatchdog;
  if (g[KEY]) return;
  let lastBeat = 0;
  let busy = false;
  g[KEY] = setInterval(() => {
    if (busy) return;
    busy = true;
    void tick(Date.now() - lastBeat >= TERMINAL_HEARTBEAT_MS)
      .then((beat) => {
        if (beat) lastBeat = Date.now();
      })
      .catch((e) => console.error("[branchdesk] terminal watchdog:", e))
      .finally(() => {
        busy = false;
        if (liveTerminals().size === 0) {
          clearInterval(g[KEY]);
          g[KEY] = undefined;
        }
      });
  }, REVOCATION_CHECK_MS);
  g[KEY].unref();
}

async function tick(beat: boolean): Promise<boolean> {
  const live = [...liveTerminals().values()];
  if (live.length === 0) return false;
  const authIds = [...new Set(live.map((t) => t.authSessionId).filter((s): s is string => s !== null))];
  if (authIds.length) {
    const sessions = await db().session.findMany({ where: { id: { in: authIds } }, include: { user: true } });
    const byId = new Map(sessions.map((s) => [s.id, s]));
    const now = new Date();
    for (const t of live) {
      if (t.authSessionId === null) continue;
      const s = byId.get(t.authSessionId);
      if (!s || s.expiresAt <= now) void t.end("signed-out", `${t.username} signed out of the dashboard`);
      else if (s.user.disabled) void t.end("disabled", `${t.username}'s account was disabled`);
      else {
        const role = ZRole.safeParse(s.user.role);
        if (!role.success || !roleAllows(role.data, "operator"))
          void t.end("role", `${t.username} no longer has the operator role that terminals need`);
      }
    }
  }
  if (!beat) return false;
  await db().terminalSession.updateMany({
    where: { id: { in: live.map((t) => t.id) }, endedAt: null },
    data: { heartbeatAt: new Date() },
  });
  return true;
}
