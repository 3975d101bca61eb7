import {
  ZTerminalEndReason,
  ZTerminalPath,
  type BoxKind,
  type TerminalEndReason,
} from "@/lib/domain/terminal/terminal-protocol";
import type { TerminalSessionView } from "@/lib/domain/terminal/terminal-session-views";
import type { TerminalSession } from "@/prisma/generated/sqlite/client";

/**
 * A TerminalSession row as the API shows it. The row's enumerations are text
 * (SQLite has none); a value the schema does not know (a newer end reason)
 * reads as null rather than breaking the list.
 */
export function toTerminalSessionView(row: TerminalSession): TerminalSessionView {
  const path = ZTerminalPath.safeParse(row.path);
  const reason = row.endReason === null ? null : ZTerminalEndReason.safeParse(row.endReason);
  return {
    id: row.id,
    username: row.username,
    client: row.client,
    box: { kind: (row.boxKind === "gateway" ? "gateway" : "host") satisfies BoxKind, id: row.boxId, name: row.boxName },
    branchCode: row.branchCode,
    path: path.success ? path.data : row.boxKind === "gateway" ? "direct" : "support",
    route: row.route,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    bytesIn: row.bytesIn,
    bytesOut: row.bytesOut,
    endReason: reason?.success ? (reason.data satisfies TerminalEndReason) : null,
    endMessage: row.endMessage,
    recordsInput: row.recordsInput,
    recordingBytes: row.recordingBytes,
    recordingStopped: row.recordingStopped,
    cols: row.cols,
    rows: row.rows,
  };
}
