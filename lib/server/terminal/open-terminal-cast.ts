import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { recordingFile } from "./recording-file";

/**
 * A session's raw .cast file, for an admin's download: a stream (recordings
 * run to the per-session cap, 50 MiB by default), its size, and a file name
 * that says which box and when ("br-0042-h01-2026-11-30T16-02-07Z-<id>.cast").
 */
export async function openTerminalCast(
  id: string,
): Promise<{ stream: ReadableStream<Uint8Array>; size: number; filename: string }> {
  const row = await db().terminalSession.findUnique({ where: { id } });
  if (!row) throw notFound(`terminal session ${id}`);
  const file = recordingFile(row.id);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw notFound(`the recording of terminal session ${id}`);
    throw e;
  }
  const when = row.startedAt
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");
  // boxName is a hostname (letters, digits, dots, hyphens) but the header must never carry a quote or CR/LF.
  const box = row.boxName.replace(/[^A-Za-z0-9.-]/g, "_");
  // Only `size` bytes: a live session's file keeps growing, and Content-Length is promised up front.
  const stream = Readable.toWeb(createReadStream(file, { start: 0, end: Math.max(0, size - 1) }));
  return { stream: stream as ReadableStream<Uint8Array>, size, filename: `${box}-${when}-${row.id}.cast` };
}
