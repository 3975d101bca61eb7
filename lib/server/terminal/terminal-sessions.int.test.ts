import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ZTerminalSessionQuery, ZTerminalSettingsInput } from "@/lib/domain/terminal/terminal-session-views";
import { TERMINAL_SETTINGS_DEFAULTS } from "@/lib/domain/terminal/terminal-settings";
import type { Actor } from "@/lib/server/auth/actor";
import { makeTerminalSession, sampleCast } from "@/prisma/seed/terminal-sessions";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { auditedIn } from "@/prisma/seed/row-counts";
import { getTerminalSession } from "./get-terminal-session";
import { getTerminalSettings } from "./get-terminal-settings";
import { listTerminalSessions } from "./list-terminal-sessions";
import { openTerminalCast } from "./open-terminal-cast";
import { readTerminalRecording } from "./read-terminal-recording";
import { recordingFile } from "./recording-file";
import { writeTerminalSettings } from "./write-terminal-settings";

const admin: Actor = { userId: 1, username: "alice", role: "admin" };
const query = (q: Record<string, string> = {}) => ZTerminalSessionQuery.parse(q);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describeEachDb("terminal sessions, recordings and settings", (provider) => {
  let t: TestDb;
  let dataDir: string;
  const savedDataDir = process.env.BRANCHDESK_DATA_DIR;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    dataDir = await mkdtemp(path.join(os.tmpdir(), "bd-terminal-"));
    process.env.BRANCHDESK_DATA_DIR = dataDir;
  });
  afterAll(async () => {
    if (savedDataDir === undefined) delete process.env.BRANCHDESK_DATA_DIR;
    else process.env.BRANCHDESK_DATA_DIR = savedDataDir;
    await rm(dataDir, { recursive: true, force: true });
    await t.drop();
  });

  it("lists newest first, filtered by box, user and live/ended, page by page without gaps or repeats", async () => {
    const user = `u-${provider}`;
    const rows = [];
    for (let i = 0; i < 7; i++) {
      const live = i === 0;
      rows.push(
        await makeTerminalSession(t.db, {
          username: user,
          boxKind: i % 2 ? "gateway" : "host",
          boxId: 900 + (i % 2),
          startedAt: minutesAgo(i === 6 ? 3 : 10 + i), // rows 5 and 6 start out of insertion order
          endedAt: live ? null : undefined,
        }),
      );
    }
    const newestFirst = [...rows].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listTerminalSessions(query({ user, limit: "3", ...(cursor ? { cursor } : {}) }));
      seen.push(...page.sessions.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);

    const hostOnly = await listTerminalSessions(query({ user, box: "host:900" }));
    expect(hostOnly.sessions.map((s) => s.box)).toEqual(Array(4).fill({ kind: "host", id: 900, name: "br-0042-h01" }));
    const live = await listTerminalSessions(query({ user, open: "true" }));
    expect(live.sessions.map((s) => s.id)).toEqual([rows[0]!.id]);
    expect(live.sessions[0]).toMatchObject({ endedAt: null, durationMs: null, endReason: null });
    const ended = await listTerminalSessions(query({ user, open: "false" }));
    expect(ended.sessions).toHaveLength(6);
    expect((await listTerminalSessions(query({ user: "nobody-at-all" }))).sessions).toEqual([]);
  });

  it("one session, with whether its recording is on disk", async () => {
    const withFile = await makeTerminalSession(t.db);
    const detail = await getTerminalSession(withFile.id);
    expect(detail.session).toMatchObject({ id: withFile.id, path: "support", bytesIn: 9, endReason: "user" });
    expect(detail.recording).toEqual({ available: true, fileBytes: Buffer.byteLength(sampleCast()) });
    const without = await makeTerminalSession(t.db, { cast: null });
    expect((await getTerminalSession(without.id)).recording).toEqual({ available: false, fileBytes: 0 });
    await expect(getTerminalSession("no-such-session")).rejects.toMatchObject({ code: "not_found" });
  });

  it("a recording parses for replay; input for admins only; unknown codes and a cut-off line pass", async () => {
    const s = await makeTerminalSession(t.db, { cast: `${sampleCast("box-7")}[2.0, "z", "future"]\n[2.1, "o", "cut` });
    const asAdmin = await readTerminalRecording({ role: "admin" }, s.id);
    expect(asAdmin.header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(asAdmin.events.map((e) => e[1])).toEqual(["o", "i", "o", "o", "m", "o", "z"]);
    expect(asAdmin).toMatchObject({ skippedLines: 1, truncated: false, live: false });
    const asViewer = await readTerminalRecording({ role: "viewer" }, s.id);
    expect(asViewer.events.map((e) => e[1])).not.toContain("i");
    expect(
      asViewer.events
        .filter((e) => e[1] === "o")
        .map((e) => e[2])
        .join(""),
    ).toContain("box-7\r\n");
  });

  it("a long recording answers its start, marked truncated; a missing or broken file says so", async () => {
    const big = await makeTerminalSession(t.db, { endedAt: null });
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify([i, "o", `line ${i}\r\n`]));
    await writeFile(
      recordingFile(big.id),
      `${JSON.stringify({ version: 2, width: 80, height: 24 })}\n${lines.join("\n")}\n`,
    );
    const capped = await readTerminalRecording({ role: "viewer" }, big.id, { maxFileBytes: 200, maxEvents: 100 });
    expect(capped).toMatchObject({ truncated: true, skippedLines: 0, live: true });
    expect(capped.events.length).toBeGreaterThan(0);
    expect(capped.events.length).toBeLessThan(50);
    const byCount = await readTerminalRecording({ role: "viewer" }, big.id, { maxFileBytes: 1e6, maxEvents: 10 });
    expect([byCount.events.length, byCount.truncated]).toEqual([10, true]);

    const gone = await makeTerminalSession(t.db, { cast: null });
    await expect(readTerminalRecording({ role: "admin" }, gone.id)).rejects.toMatchObject({ code: "not_found" });
    const broken = await makeTerminalSession(t.db, { cast: "not a cast\n" });
    await expect(readTerminalRecording({ role: "admin" }, broken.id)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/header line is not JSON/),
    });
  });

  it("the raw .cast streams whole, with a file name naming the box", async () => {
    const s = await makeTerminalSession(t.db, { boxName: "br-0042-h07" });
    const cast = await openTerminalCast(s.id);
    expect(cast.filename).toMatch(
      new RegExp(`^br-0042-h07-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ-${s.id}\\.cast$`),
    );
    expect(await new Response(cast.stream).text()).toBe(sampleCast());
    expect(cast.size).toBe(Buffer.byteLength(sampleCast()));
  });

  it("settings: the defaults until saved; a save upserts row 1 and is audited with before and after", async () => {
    expect(await getTerminalSettings()).toEqual({
      settings: TERMINAL_SETTINGS_DEFAULTS,
      updatedAt: null,
      updatedBy: null,
    });
    const next = { ...TERMINAL_SETTINGS_DEFAULTS, idleTimeoutSeconds: 120, idleWarningSeconds: 30, recordInput: true };
    const events = await auditedIn(t.db, () => writeTerminalSettings(admin, next));
    expect(events).toMatchObject([
      {
        actor: "alice",
        action: "terminal-settings.update",
        entityType: "terminal-settings",
        before: { idleTimeoutSeconds: 900, recordInput: false },
        after: { idleTimeoutSeconds: 120, recordInput: true },
        summary: expect.stringContaining("idleTimeoutSeconds 900 -> 120"),
      },
    ]);
    const saved = await getTerminalSettings();
    expect(saved).toMatchObject({ settings: next, updatedBy: "alice" });
    await writeTerminalSettings(admin, { ...next, maxTotal: 7 });
    expect(await t.db.terminalSettings.count()).toBe(1);
    expect((await getTerminalSettings()).settings.maxTotal).toBe(7);
  });

  it("settings input: the warning must come before the timeout, named on its field", () => {
    const bad = ZTerminalSettingsInput.safeParse({ ...TERMINAL_SETTINGS_DEFAULTS, idleWarningSeconds: 900 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues).toMatchObject([
      { path: ["idleWarningSeconds"], message: expect.stringMatching(/less than/) },
    ]);
  });
});
