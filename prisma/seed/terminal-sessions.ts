import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/server/db/client";
import { recordingFile } from "@/lib/server/terminal/recording-file";

/**
 * Test support: a TerminalSession row and, unless `cast` is null, its .cast
 * file under the data directory, written directly (the way the live terminal
 * leaves them), so the REST side can be tested without SSH. Integration tests,
 * the API fuzz fleet and the Playwright spec's seed script (e2e/seed-terminal-session.ts) use it.
 */
export type TerminalSessionSeed = {
  username?: string;
  boxKind?: "host" | "gateway";
  boxId?: number;
  boxName?: string;
  branchCode?: string;
  path?: string;
  route?: string;
  startedAt?: Date;
  /** null: still live. */
  endedAt?: Date | null;
  endReason?: string | null;
  bytesIn?: number;
  bytesOut?: number;
  recordsInput?: boolean;
  recordingStopped?: string | null;
  cols?: number;
  rows?: number;
  /** The recording's text (asciicast v2); null: no file. Default: a short `hostname` session. */
  cast?: string | null;
};

/** A small recording: a prompt, `hostname` typed (an "i" event) and its answer, at 80x24. */
export function sampleCast(text = "br-0042-h01", size = { cols: 80, rows: 24 }): string {
  const lines: unknown[] = [
    { version: 2, width: size.cols, height: size.rows, timestamp: 1_764_518_400, title: "seed" },
    [0.1, "o", "root@box:~# "],
    [0.5, "i", "hostname\r"],
    [0.6, "o", "hostname\r\n"],
    [0.7, "o", `${text}\r\n`],
    [0.8, "m", "a marker"],
    [1.5, "o", "root@box:~# "],
  ];
  return `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
}

export async function makeTerminalSession(db: Db, seed: TerminalSessionSeed = {}, env = process.env) {
  const id = `t${randomBytes(12).toString("base64url")}`;
  const startedAt = seed.startedAt ?? new Date();
  const endedAt = seed.endedAt === undefined ? new Date(startedAt.getTime() + 90_000) : seed.endedAt;
  const cast = seed.cast === undefined ? sampleCast() : seed.cast;
  if (cast !== null) {
    const file = recordingFile(id, env);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, cast);
  }
  return db.terminalSession.create({
    data: {
      id,
      userId: null,
      username: seed.username ?? "operator-seed",
      client: "web",
      boxKind: seed.boxKind ?? "host",
      boxId: seed.boxId ?? 1,
      boxName: seed.boxName ?? "br-0042-h01",
      branchCode: seed.branchCode ?? "BR-0042",
      path: seed.path ?? "support",
      route: seed.route ?? "198.51.100.10:22",
      instanceId: "seed",
      startedAt,
      endedAt,
      durationMs: endedAt ? endedAt.getTime() - startedAt.getTime() : null,
      bytesIn: seed.bytesIn ?? 9,
      bytesOut: seed.bytesOut ?? 64,
      endReason: endedAt ? (seed.endReason === undefined ? "user" : seed.endReason) : null,
      endMessage: endedAt ? "the user closed the terminal" : null,
      recordsInput: seed.recordsInput ?? true,
      recordingBytes: cast === null ? 0 : Buffer.byteLength(cast),
      recordingStopped: seed.recordingStopped ?? null,
      cols: seed.cols ?? 80,
      rows: seed.rows ?? 24,
    },
  });
}
