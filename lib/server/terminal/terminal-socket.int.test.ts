import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import type { Role } from "@/lib/domain/role";
import { ZTerminalServerMessage, type TerminalServerMessage } from "@/lib/domain/terminal/terminal-protocol";
import { ALLOW_LOOPBACK_SSH_ENV } from "@/lib/ssh/resolve-ssh-address";
import { sessionId } from "@/lib/server/auth/session-token";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { sshKeygenFingerprint, startTestSshd, type TestSshd } from "@/lib/testing/sshd";
import { makeBranch, makeUser } from "@/prisma/seed/factories";
import { endAllTerminals, liveTerminals } from "./live-terminals";
import { recordingFile } from "./recording-file";
import { attachTerminalSockets } from "./terminal-socket";

// The test sshd listens on 127.0.0.1, which the dashboard refuses to SSH to; this file allows it.
vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "1");

/** One socket's view: every control message and all output as text, with a way to wait for either. */
type Client = {
  ws: WebSocket;
  messages: TerminalServerMessage[];
  output(): string;
  send(data: string): void;
  until<T>(what: string, check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  closed: Promise<number>;
};

describeEachDb("the terminal's WebSocket, end to end against a real sshd", (provider) => {
  let t: TestDb;
  let sshd: TestSshd;
  let server: Server;
  let base: string;
  let dataDir: string;
  let gatewayId: number;
  let pin: string;
  const tokens: Partial<Record<Role, string>> = {};
  const users: Partial<Record<Role, number>> = {};

  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    sshd = await startTestSshd();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "bd-terminal-"));
    vi.stubEnv("BRANCHDESK_DATA_DIR", dataDir);
    vi.stubEnv("BRANCHDESK_SSH_KEY", sshd.clientKeyPath);
    pin = await sshKeygenFingerprint(sshd.hostKeyPubPath);
    const branch = await makeBranch({}, t.db);
    const gw = await t.db.gateway.create({
      data: {
        branchId: branch.id,
        hostname: `gw-${randomBytes(3).toString("hex")}`,
        sshAddress: sshd.address,
        sshPort: sshd.port,
        sshUser: "root",
        lanIfname: "lan0",
        lanIp: branch.lanCidr.replace(/0\/\d+$/, "1"),
        hostKeyFingerprint: pin,
      },
    });
    gatewayId = gw.id;
    for (const role of ["viewer", "operator", "admin"] as const) {
      const u = await makeUser(role, {}, t.db);
      users[role] = u.id;
      tokens[role] = await signedIn(u.id);
    }
    server = createServer((_req, res) => res.writeHead(404).end());
    attachTerminalSockets(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await endAllTerminals("server-stopped", "test over");
    await new Promise((r) => server?.close(r));
    await sshd?.stop();
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(userId: number): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await t.db.session.create({ data: { id: sessionId(token), userId, expiresAt: new Date(Date.now() + 3_600_000) } });
    return token;
  }

  const setSettings = (over: Record<string, unknown>) =>
    t.db.terminalSettings.upsert({ where: { id: 1 }, create: { id: 1, ...over }, update: over });

  function open(query: string, opts: { token?: string; origin?: string | null; watch?: boolean } = {}): Client {
    const host = new URL(base).host;
    const headers: Record<string, string> = {};
    if (opts.token) headers.cookie = `branchdesk_session=${opts.token}`;
    if (opts.origin !== null) headers.origin = opts.origin ?? `http://${host}`;
    const ws = new WebSocket(`${base}/api/v1/terminal/${opts.watch ? "watch" : "open"}?${query}`, { headers });
    const messages: TerminalServerMessage[] = [];
    const chunks: Buffer[] = [];
    let wake = () => {};
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) chunks.push(data);
      else messages.push(ZTerminalServerMessage.parse(JSON.parse(data.toString())));
      wake();
    });
    const closed = new Promise<number>((resolve) => {
      ws.on("close", (code) => {
        resolve(code);
        wake();
      });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("error", () => {});
    });
    const client: Client = {
      ws,
      messages,
      output: () => Buffer.concat(chunks).toString("utf8"),
      send: (data) => ws.send(JSON.stringify({ type: "input", data })),
      until: (what, check, timeoutMs = 15_000) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                new Error(`timed out waiting for ${what}; messages: ${JSON.stringify(messages)}; ` + client.output()),
              ),
            timeoutMs,
          );
          const test = () => {
            const v = check();
            if (v !== undefined && v !== false) {
              clearTimeout(timer);
              resolve(v as never);
            }
          };
          wake = test;
          test();
        }),
      closed,
    };
    return client;
  }

  const msg = <K extends TerminalServerMessage["type"]>(c: Client, type: K) =>
    c.messages.find((m): m is Extract<TerminalServerMessage, { type: K }> => m.type === type);

  describe("refused before the upgrade, with an HTTP status", () => {
    it.each([
      ["no session cookie", {}, 401],
      ["a viewer", { role: "viewer" as const }, 403],
      ["a foreign Origin", { role: "operator" as const, origin: "http://evil.example" }, 403],
      ["no Origin at all", { role: "operator" as const, origin: null }, 403],
    ])("%s -> %i, and no session row", async (_what, o, status) => {
      const token = "role" in o ? tokens[o.role!] : undefined;
      const c = open(`box=gateway:${gatewayId}`, { token, origin: "origin" in o ? o.origin : undefined });
      expect(await c.closed).toBe(status);
      expect(await t.db.terminalSession.count()).toBe(0);
    });

    it("a malformed box is a 400; an operator may not watch (403)", async () => {
      expect(await open("box=gateway:abc", { token: tokens.operator }).closed).toBe(400);
      expect(await open("box=gateway:1&evil=1", { token: tokens.operator }).closed).toBe(400);
      expect(await open("session=abcdefgh12", { token: tokens.operator, watch: true }).closed).toBe(403);
    });
  });

  it("an operator gets a shell: output, UTF-8, resize, exit; recorded (output only) and audited", async () => {
    const c = open(`box=gateway:${gatewayId}&cols=80&rows=24`, { token: tokens.operator });
    const opened = await c.until("opened", () => msg(c, "opened"));
    expect(opened).toMatchObject({
      path: "direct",
      route: `127.0.0.1:${sshd.port}`,
      hostKey: pin,
      recordsInput: false,
    });
    c.send("echo hel''lo; stty size; printf '\\342\\202\\254\\n'\r");
    await c.until("hello, size and €", () => /hello[\s\S]*24 80[\s\S]*€/.test(c.output()));
    c.ws.send(JSON.stringify({ type: "resize", cols: 100, rows: 30 }));
    c.send("stty size\r");
    await c.until("the new size", () => c.output().includes("30 100"));
    c.send("exit\r");
    const ended = await c.until("ended", () => msg(c, "ended"));
    expect(ended.reason).toBe("box-closed");
    await c.closed;

    const row = await t.db.terminalSession.findUniqueOrThrow({ where: { id: opened.sessionId } });
    expect(row).toMatchObject({ username: expect.stringContaining("operator"), boxKind: "gateway", path: "direct" });
    expect(row.endedAt).not.toBeNull();
    expect(row.bytesIn).toBe(
      Buffer.byteLength("echo hel''lo; stty size; printf '\\342\\202\\254\\n'\rstty size\rexit\r"),
    );
    expect(row.bytesOut).toBeGreaterThan(20);
    const cast = readFileSync(recordingFile(opened.sessionId), "utf8").trim().split("\n");
    expect(JSON.parse(cast[0]!)).toMatchObject({ version: 2, width: 80, height: 24 });
    const events = cast.slice(1).map((l) => JSON.parse(l) as [number, string, string]);
    expect(events.map((e) => e[1])).not.toContain("i"); // typed text is not stored by default
    expect(
      events
        .filter((e) => e[1] === "o")
        .map((e) => e[2])
        .join(""),
    ).toContain("€");
    expect(events).toContainEqual([expect.any(Number), "r", "100x30"]);

    const audit = await t.db.auditEvent.findMany({
      where: { action: { startsWith: "terminal." }, entityId: String(gatewayId) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["terminal.open", "terminal.close"]);
    const close = JSON.parse(audit[1]!.after!);
    expect(close).toMatchObject({ sessionId: opened.sessionId, path: "direct", reason: "box-closed" });
    expect(close.bytesIn).toBe(row.bytesIn);
    expect(close.bytesOut).toBe(row.bytesOut);
    expect(close.durationMs).toBeGreaterThan(0);
  });

  it("a browser that stops reading holds the output at the box; every byte arrives, in order, recorded", async () => {
    const c = open(`box=gateway:${gatewayId}&cols=80&rows=24`, { token: tokens.operator });
    const opened = await c.until("opened", () => msg(c, "opened"));
    await c.until("a prompt", () => /[#$] $/.test(c.output()));
    const n = 1_500_000; // about 12 MB through the pty: more than the kernel's socket buffers hold
    c.ws.pause(); // the browser stops reading
    c.send(`seq 1 ${n}; exit\r`);
    const live = liveTerminals().get(opened.sessionId)!;
    await vi.waitFor(() => expect(live.outputHeld).toBe(true), { timeout: 60_000, interval: 20 });
    c.ws.resume();
    await c.until("ended", () => msg(c, "ended"), 120_000);
    // Lines of digits only (the shell's bracketed-paste switch ends in a bare CR before the first).
    const numbers = (text: string) => text.split(/\r\n|\r/).filter((l) => /^\d+$/.test(l));
    const expected = Array.from({ length: n }, (_, i) => String(i + 1));
    // Not toEqual on 1.5 million strings: a failure would print all of them.
    const firstWrong = (got: string[]) =>
      got.length !== n ? `${got.length} numbers` : got.findIndex((x, i) => x !== expected[i]);
    expect(firstWrong(numbers(c.output()))).toBe(-1);
    const cast = readFileSync(recordingFile(opened.sessionId), "utf8").trim().split("\n");
    const recorded = cast
      .slice(1)
      .map((l) => JSON.parse(l) as [number, string, string])
      .filter((e) => e[1] === "o")
      .map((e) => e[2])
      .join("");
    expect(firstWrong(numbers(recorded))).toBe(-1);
    expect(recorded).toBe(c.output());
  }, 180_000);

  it("a box presenting another key is refused naming both fingerprints; nothing stays open", async () => {
    const other = "SHA256:" + "A".repeat(42) + "E";
    await t.db.gateway.update({ where: { id: gatewayId }, data: { hostKeyFingerprint: other } });
    try {
      const c = open(`box=gateway:${gatewayId}`, { token: tokens.operator });
      const refused = await c.until("refused", () => msg(c, "refused"));
      expect(refused.failure).toMatchObject({ kind: "host-key-mismatch", expected: other, got: pin });
      expect(refused.failure.message).toContain(other);
      expect(refused.failure.message).toContain(pin);
      await c.closed;
      expect(await t.db.terminalSession.count({ where: { endedAt: null } })).toBe(0);
      const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "terminal.refused" } });
      expect(event.summary).toContain("changed since it was pinned");
    } finally {
      await t.db.gateway.update({ where: { id: gatewayId }, data: { hostKeyFingerprint: pin } });
    }
  });

  it("the per-user limit refuses a second terminal, saying which limit", async () => {
    await setSettings({ maxPerUser: 1 });
    const first = open(`box=gateway:${gatewayId}`, { token: tokens.operator });
    await first.until("opened", () => msg(first, "opened"));
    const second = open(`box=gateway:${gatewayId}`, { token: tokens.operator });
    const refused = await second.until("refused", () => msg(second, "refused"));
    expect(refused.failure.kind).toBe("limit");
    expect(refused.failure.message).toContain("the limit per user is 1");
    // Another user is not held back by it.
    const admin = open(`box=gateway:${gatewayId}`, { token: tokens.admin });
    await admin.until("opened", () => msg(admin, "opened"));
    first.ws.close();
    admin.ws.close();
    await Promise.all([first.closed, admin.closed]);
    await setSettings({ maxPerUser: 5 });
  });

  it("idles out after a warning, and a recording cap stops the recording with a notice", async () => {
    await setSettings({ idleTimeoutSeconds: 5, idleWarningSeconds: 2, sessionCapKiB: 2, recordInput: true });
    const c = open(`box=gateway:${gatewayId}`, { token: tokens.operator });
    const opened = await c.until("opened", () => msg(c, "opened"));
    expect(opened.recordsInput).toBe(true);
    c.send("head -c 4000 /dev/zero | tr '\\0' x; echo; echo after-cap\r");
    const notice = await c.until("recording-stopped", () =>
      c.messages.find((m) => m.type === "notice" && m.code === "recording-stopped"),
    );
    expect(notice).toMatchObject({ message: expect.stringContaining("2 KiB") });
    await c.until("the session goes on", () => c.output().includes("after-cap"));
    await c.until("idle warning", () => c.messages.find((m) => m.type === "notice" && m.code === "idle-warning"));
    const ended = await c.until("ended", () => msg(c, "ended"));
    expect(ended.reason).toBe("idle");
    const row = await t.db.terminalSession.findUniqueOrThrow({ where: { id: opened.sessionId } });
    expect(row.recordingStopped).toContain("cap");
    const cast = readFileSync(recordingFile(opened.sessionId), "utf8");
    expect(cast).toContain('"i","head -c 4000'); // input recorded when the admin setting says so
    expect(cast).toContain('"m","recording stopped');
    await setSettings({ idleTimeoutSeconds: 900, idleWarningSeconds: 60, sessionCapKiB: 51200, recordInput: false });
  });

  it("signing out, or an admin disabling the user, ends the terminal; an admin can watch live", async () => {
    const u = await makeUser("operator", {}, t.db);
    const first = await signedIn(u.id);
    const a = open(`box=gateway:${gatewayId}`, { token: first });
    const opened = await a.until("opened", () => msg(a, "opened"));
    const watcher = open(`session=${opened.sessionId}`, { token: tokens.admin, watch: true });
    await watcher.until("watching", () => msg(watcher, "watching"));
    a.send("echo watched-$((6*7))\r");
    await watcher.until("the watcher sees the output", () => watcher.output().includes("watched-42"));
    watcher.ws.send(JSON.stringify({ type: "input", data: "echo injected\r" }));
    await t.db.session.delete({ where: { id: sessionId(first) } });
    expect((await a.until("ended", () => msg(a, "ended"))).reason).toBe("signed-out");
    expect(a.output()).not.toContain("injected");
    expect((await watcher.until("watcher told", () => msg(watcher, "ended"))).reason).toBe("signed-out");

    const second = await signedIn(u.id);
    const b = open(`box=gateway:${gatewayId}`, { token: second });
    await b.until("opened", () => msg(b, "opened"));
    await t.db.user.update({ where: { id: u.id }, data: { disabled: true } });
    expect((await b.until("ended", () => msg(b, "ended"))).reason).toBe("disabled");
  });

  it("a box whose sshd dies ends the session with a message, never a frozen terminal", async () => {
    const box = await startTestSshd({ authorizedKeyFrom: sshd.clientKeyPubPath });
    const branch = await makeBranch({}, t.db);
    const gw = await t.db.gateway.create({
      data: {
        branchId: branch.id,
        hostname: `gw-${randomBytes(3).toString("hex")}`,
        sshAddress: box.address,
        sshPort: box.port,
        sshUser: "root",
        lanIfname: "lan0",
        lanIp: branch.lanCidr.replace(/0\/\d+$/, "1"),
        hostKeyFingerprint: await sshKeygenFingerprint(box.hostKeyPubPath),
      },
    });
    const c = open(`box=gateway:${gw.id}`, { token: tokens.operator });
    await c.until("opened", () => msg(c, "opened"));
    await box.stop(); // kills the listener and every session's sshd
    const ended = await c.until("ended", () => msg(c, "ended"), 30_000);
    expect(ended.reason).toBe("connection-lost");
    expect(ended.message).toContain(gw.hostname);
  });
});
