import type { TerminalSessionListResponse, TerminalSessionQuery } from "@/lib/domain/terminal/terminal-session-views";
import { db } from "@/lib/server/db/client";
import { toTerminalSessionView } from "./to-terminal-session-view";

/**
 * Terminal sessions, newest first, filtered by box, user and live/ended; keyset
 * pagination on (startedAt, id), stable while new sessions keep opening.
 */
export async function listTerminalSessions(query: TerminalSessionQuery): Promise<TerminalSessionListResponse> {
  const c = query.cursor;
  const rows = await db().terminalSession.findMany({
    where: {
      ...(query.box ? { boxKind: query.box.kind, boxId: query.box.id } : {}),
      ...(query.user ? { username: query.user } : {}),
      ...(query.open === undefined ? {} : { endedAt: query.open ? null : { not: null } }),
      ...(c ? { OR: [{ startedAt: { lt: c.startedAt } }, { startedAt: c.startedAt, id: { lt: c.id } }] } : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    sessions: page.map(toTerminalSessionView),
    nextCursor: rows.length > query.limit && last ? `${last.startedAt.getTime()}.${last.id}` : null,
  };
}
