import { open } from "node:fs/promises";
import { parseAsciicast } from "@/lib/domain/terminal/asciicast-reader";
import type { TerminalRecordingResponse } from "@/lib/domain/terminal/terminal-session-views";
import { roleAllows, type Role } from "@/lib/domain/role";
import { db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { recordingFile } from "./recording-file";

/**
 * What one answer holds of a recording, for replay in the browser: the first
 * 8 MiB of the file, at most 200,000 events. A longer recording answers its
 * start with `truncated` (the admin's .cast download has all of it).
 */
export const RECORDING_READ_CAPS = { maxFileBytes: 8 * 1024 * 1024, maxEvents: 200_000 } as const;

/**
 * A session's recording, parsed ({ header, events }). Typed input ("i" events,
 * recorded only when an admin turned that on) may hold secrets a user typed at
 * a prompt that echoes nothing: it is answered to admins only.
 */
export async function readTerminalRecording(
  reader: { role: Role },
  id: string,
  caps: { maxFileBytes: number; maxEvents: number } = RECORDING_READ_CAPS,
): Promise<TerminalRecordingResponse> {
  const row = await db().terminalSession.findUnique({ where: { id }, select: { id: true, endedAt: true } });
  if (!row) throw notFound(`terminal session ${id}`);
  const { text, cut } = await readStart(recordingFile(row.id), caps.maxFileBytes, id);
  const parsed = parseAsciicast(text, { maxEvents: caps.maxEvents, maxChars: Infinity });
  if (!parsed.ok) {
    throw new AppError("conflict", `the recording of terminal session ${id} cannot be read: ${parsed.error.message}`);
  }
  const admin = roleAllows(reader.role, "admin");
  const { header, events, skippedLines, truncated } = parsed.value;
  return {
    header,
    events: admin ? events : events.filter((e) => e[1] !== "i"),
    // A file cut at the byte cap ends in a partial line: that is the cut, not a damaged recording.
    skippedLines: cut ? Math.max(0, skippedLines - 1) : skippedLines,
    truncated: truncated || cut,
    live: row.endedAt === null,
  };
}

/** The file's first `max` bytes as text, and whether there was more. */
async function readStart(file: string, max: number, id: string): Promise<{ text: string; cut: boolean }> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw notFound(`the recording of terminal session ${id}`);
    throw e;
  }
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(size, max));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { text: buffer.subarray(0, bytesRead).toString("utf8"), cut: size > max };
  } finally {
    await handle.close();
  }
}
