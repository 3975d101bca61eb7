import { stat } from "node:fs/promises";
import type { TerminalSessionDetailResponse } from "@/lib/domain/terminal/terminal-session-views";
import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { recordingFile } from "./recording-file";
import { toTerminalSessionView } from "./to-terminal-session-view";

/** One terminal session, and whether its recording is on disk (a cleanup or the total cap may have removed it). */
export async function getTerminalSession(id: string): Promise<TerminalSessionDetailResponse> {
  const row = await db().terminalSession.findUnique({ where: { id } });
  if (!row) throw notFound(`terminal session ${id}`);
  const size = await fileSize(recordingFile(row.id));
  return {
    session: toTerminalSessionView(row),
    recording: { available: size !== null, fileBytes: size ?? 0 },
  };
}

export async function fileSize(file: string): Promise<number | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s.size : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}
