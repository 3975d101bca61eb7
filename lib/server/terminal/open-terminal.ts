import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { BoxRef, TerminalEndReason, TerminalFailure, TerminalPath } from "@/lib/domain/terminal/terminal-protocol";
import { openPtyShell, type PtyShell } from "@/lib/ssh/pty-shell";
import type { SshFailure } from "@/lib/ssh/ssh-failure";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { CastRecorder } from "./cast-recorder";
import { connectTerminalRoute, type TerminalConnection } from "./connect-terminal-route";
import { liveTerminals, type LiveTerminal, type OutputFlow, type TerminalSink } from "./live-terminals";
import { readTerminalSettings } from "./read-terminal-settings";
import { recordingFile, recordingsDir } from "./recording-file";
import { reserveTerminal } from "./reserve-terminal";
import { loadTerminalBox, type TerminalBox, type TerminalRoute } from "./terminal-box";
import { TerminalOutput } from "./terminal-output";
import { ensureTerminalWatchdog } from "./terminal-watchdog";

export type OpenTerminalRequest = {
  actor: Actor;
  /** The hashed dashboard session it comes from (web), checked again while the terminal runs. */
  authSessionId: string | null;
  client: "web" | "cli";
  box: BoxRef;
  path?: TerminalPath;
  cols: number;
  rows: number;
  sink: TerminalSink;
};

/** Output kept for a watcher who joins late: enough to paint a screen or two. */
const REPLAY_TAIL_BYTES = 64 * 1024;

function refuse(
  sink: TerminalSink,
  failure: TerminalFailure,
  path: TerminalPath | null = null,
  route: string | null = null,
  alternative: TerminalPath | null = null,
): null {
  sink.control({ type: "refused", path, route, failure, alternative });
  sink.close();
  return null;
}

function failureOf(f: SshFailure): TerminalFailure {
  return f.kind === "host-key-mismatch"
    ? { kind: f.kind, message: f.message, expected: f.expected, got: f.got }
    : { kind: f.kind, message: f.message };
}

/**
 * Opens an interactive shell on a host or gateway for a user, over the path
 * asked for (default: a host's support path, a gateway directly), and runs it
 * to its end: recorded (asciicast v2, output only unless the admin setting
 * says input too), limited (idle timeout with a warning, maximum length,
 * concurrency), audited (`terminal.open` / `terminal.close`, or
 * `terminal.refused` for an open that failed). Transport-agnostic: the web
 * socket and the CLI are two sinks. Resolves to the live session, or null when
 * the open was refused (the sink was told why).
 */
export async function openTerminal(req: OpenTerminalRequest): Promise<LiveTerminal | null> {
  const { sink, actor } = req;
  const settings = await readTerminalSettings();
  const box = await loadTerminalBox(req.box);
  if (!box) return refuse(sink, { kind: "not-found", message: `there is no ${req.box.kind} with id ${req.box.id}` });
  const path = req.path ?? box.defaultPath;
  const route = box.routes[path];
  if (!route) {
    const why =
      box.unavailable[path] ??
      `a ${req.box.kind} has no "${path}" path (${req.box.kind === "host" ? "support or gateway" : "direct"})`;
    return refuse(sink, { kind: "unavailable", message: `${box.name}: ${why}` }, path, null, alternativeTo(box, path));
  }

  const id = randomBytes(12).toString("base64url");
  const size = { cols: req.cols, rows: req.rows };
  const reserved = await reserveTerminal(id, actor, req.client, box, route, size, settings);
  if (!reserved.ok) return refuse(sink, { kind: "limit", message: reserved.message }, path, route.route);

  sink.control({ type: "connecting", path, route: route.route });
  const connected = await connectTerminalRoute(route);
  let shell: PtyShell | null = null;
  let failure: SshFailure | null = connected.ok ? null : connected.error;
  if (connected.ok) {
    const opened = await openPtyShell(connected.value.session, size, { timeoutMs: 10_000 });
    if (opened.ok) shell = opened.value;
    else {
      failure = opened.error;
      connected.value.close();
    }
  }
  if (!connected.ok || !shell) {
    await releaseRefused(id, actor, box, route, failure!);
    return refuse(sink, failureOf(failure!), path, route.route, alternativeTo(box, path));
  }
  return run({ id, req, box, route, settings, connection: connected.value, shell });
}

/** What to offer when a path fails: a host's gateway path after its support path. */
function alternativeTo(box: TerminalBox, path: TerminalPath): TerminalPath | null {
  return path === "support" && box.routes.gateway ? "gateway" : null;
}

async function releaseRefused(id: string, actor: Actor, box: TerminalBox, route: TerminalRoute, f: SshFailure) {
  await writeTransaction(actor, async (tx, audit) => {
    await tx.terminalSession.delete({ where: { id } });
    audit(
      { type: box.ref.kind, id: box.ref.id, action: "terminal.refused" },
      null,
      {
        box: box.name,
        branch: box.branchCode,
        path: route.path,
        route: route.route,
        failure: f.kind,
        message: f.message,
      },
      `${actor.username} could not open a terminal on ${box.name} (${route.path} path, ${route.route}): ${f.message}`,
    );
  });
}

type Running = {
  id: string;
  req: OpenTerminalRequest;
  box: TerminalBox;
  route: TerminalRoute;
  settings: Awaited<ReturnType<typeof readTerminalSettings>>;
  connection: TerminalConnection;
  shell: PtyShell;
};

async function run({ id, req, box, route, settings, connection, shell }: Running): Promise<LiveTerminal> {
  const { sink, actor } = req;
  const startedAt = new Date();
  const started = performance.now();
  let cols = req.cols;
  let rows = req.rows;
  let bytesIn = 0;
  let bytesOut = 0;
  let ending: Promise<void> | null = null;
  const tail: Buffer[] = [];
  let tailBytes = 0;
  const watchers = new Set<TerminalSink>();
  const timers: NodeJS.Timeout[] = [];
  let idleWarn: NodeJS.Timeout | undefined;
  let idleEnd: NodeJS.Timeout | undefined;

  await writeTransaction(actor, async (tx, audit) => {
    audit(
      { type: box.ref.kind, id: box.ref.id, action: "terminal.open" },
      null,
      {
        sessionId: id,
        user: actor.username,
        client: req.client,
        box: box.name,
        branch: box.branchCode,
        path: route.path,
        route: route.route,
        connectMs: connection.connectMs,
        hostKey: connection.session.hostKey,
        recordsInput: settings.recordInput,
        startedAt: startedAt.toISOString(),
      },
      `${actor.username} opened a terminal on ${box.name} (${box.branchCode}) via the ${route.path} path ` +
        `(${route.route}, ${connection.connectMs} ms)`,
    );
    // The key itself, for known_hosts snippets: it has just been verified against the pin.
    const publicKey = connection.session.hostPublicKey;
    if (publicKey) {
      const where = { id: box.ref.id, hostKeyFingerprint: connection.session.hostKey, hostPublicKey: null };
      if (box.ref.kind === "host") await tx.host.updateMany({ where, data: { hostPublicKey: publicKey } });
      else await tx.gateway.updateMany({ where, data: { hostPublicKey: publicKey } });
    }
  });

  mkdirSync(recordingsDir(), { recursive: true, mode: 0o700 });
  const recorder = new CastRecorder(
    recordingFile(id),
    {
      version: 2,
      width: cols,
      height: rows,
      timestamp: Math.floor(startedAt.getTime() / 1000),
      title: `${actor.username} on ${box.name} (${box.branchCode}) via ${route.path}: ${route.route}`,
      env: { TERM: "xterm-256color" },
    },
    { sessionCapBytes: settings.sessionCapKiB * 1024, totalCapBytes: settings.totalCapKiB * 1024 },
    (stop) => {
      const notice = { type: "notice", code: "recording-stopped", message: stop.message } as const;
      sink.control(notice);
      for (const w of watchers) w.control(notice);
      void db()
        .terminalSession.update({ where: { id }, data: { recordingStopped: stop.message } })
        .catch(() => {});
    },
  );

  // Output moves only while every consumer keeps up: the recording, the browser, each watcher.
  const output = new TerminalOutput(shell, (chunk) => {
    bytesOut += chunk.length;
    recorder.output(chunk);
    sink.output(chunk);
    for (const w of watchers) w.output(chunk);
    tail.push(chunk);
    tailBytes += chunk.length;
    while (tail.length > 1 && tailBytes - tail[0]!.length >= REPLAY_TAIL_BYTES) tailBytes -= tail.shift()!.length;
  });
  const flowFor = (consumer: object): OutputFlow => ({
    hold: () => output.hold(consumer),
    release: () => output.release(consumer),
  });
  recorder.setFlow(flowFor(recorder));
  sink.flow?.(flowFor(sink));

  const armIdle = () => {
    clearTimeout(idleWarn);
    clearTimeout(idleEnd);
    const warnAfter = Math.max(0, settings.idleTimeoutSeconds - settings.idleWarningSeconds) * 1000;
    idleWarn = setTimeout(() => {
      sink.control({
        type: "notice",
        code: "idle-warning",
        message:
          `no input for ${settings.idleTimeoutSeconds - settings.idleWarningSeconds} s: this session ends in ` +
          `${settings.idleWarningSeconds} s unless you type something`,
      });
    }, warnAfter);
    idleEnd = setTimeout(
      () => void live.end("idle", `ended after ${settings.idleTimeoutSeconds} s without input (the idle timeout)`),
      settings.idleTimeoutSeconds * 1000,
    );
  };

  const live: LiveTerminal = {
    id,
    username: actor.username,
    userId: actor.userId,
    authSessionId: req.authSessionId,
    get cols() {
      return cols;
    },
    get rows() {
      return rows;
    },
    get outputHeld() {
      return output.held;
    },
    input(data) {
      if (ending) return;
      bytesIn += Buffer.byteLength(data);
      if (settings.recordInput) recorder.input(data);
      armIdle();
      shell.write(data);
    },
    resize(c, r) {
      if (ending || (c === cols && r === rows)) return;
      cols = c;
      rows = r;
      shell.resize({ cols, rows });
      recorder.resize(cols, rows);
      for (const w of watchers) w.control({ type: "resized", cols, rows });
    },
    end(reason, message) {
      ending ??= finish(reason, message);
      return ending;
    },
    watch(w) {
      watchers.add(w);
      w.flow?.(flowFor(w));
      w.control({ type: "watching", sessionId: id, cols, rows });
      if (tailBytes) w.output(Buffer.concat(tail));
      return () => {
        watchers.delete(w);
        output.release(w);
      };
    },
  };

  async function finish(reason: TerminalEndReason, message: string): Promise<void> {
    output.stop();
    for (const t of timers) clearTimeout(t);
    clearTimeout(idleWarn);
    clearTimeout(idleEnd);
    shell.close();
    connection.close();
    liveTerminals().delete(id);
    await recorder.close();
    const endedAt = new Date();
    const durationMs = Math.round(performance.now() - started);
    try {
      await writeTransaction(actor, async (tx, audit) => {
        await tx.terminalSession.update({
          where: { id },
          data: {
            endedAt,
            durationMs,
            bytesIn,
            bytesOut,
            endReason: reason,
            endMessage: message,
            recordingBytes: recorder.bytes,
            recordingStopped: recorder.stoppedBy?.message ?? null,
            cols,
            rows,
          },
        });
        audit(
          { type: box.ref.kind, id: box.ref.id, action: "terminal.close" },
          null,
          {
            sessionId: id,
            user: actor.username,
            box: box.name,
            branch: box.branchCode,
            path: route.path,
            route: route.route,
            startedAt: startedAt.toISOString(),
            endedAt: endedAt.toISOString(),
            durationMs,
            bytesIn,
            bytesOut,
            reason,
            message,
            recordingBytes: recorder.bytes,
            recordingStopped: recorder.stoppedBy?.message ?? null,
          },
          `${actor.username}'s terminal on ${box.name} closed after ${Math.round(durationMs / 1000)} s ` +
            `(${reason}: ${message}); ${bytesIn} bytes in, ${bytesOut} bytes out`,
        );
      });
    } catch (e) {
      console.error(`[branchdesk] terminal ${id}: the close record failed:`, e);
    }
    const ended = { type: "ended", reason, message } as const;
    sink.control(ended);
    sink.close();
    for (const w of watchers) {
      w.control(ended);
      w.close();
    }
  }

  liveTerminals().set(id, live);
  ensureTerminalWatchdog();
  sink.control({
    type: "opened",
    sessionId: id,
    path: route.path,
    route: route.route,
    connectMs: connection.connectMs,
    hostKey: connection.session.hostKey,
    recordsInput: settings.recordInput,
    idleTimeoutSeconds: settings.idleTimeoutSeconds,
    maxSessionSeconds: settings.maxSessionSeconds,
  });
  output.start();
  shell.onEnd((end) => {
    if (end.kind === "exit")
      void live.end(
        "box-closed",
        `the shell on ${box.name} ended` +
          (end.exitCode !== null ? ` (exit code ${end.exitCode})` : end.signal ? ` (signal ${end.signal})` : ""),
      );
    else void live.end("connection-lost", `the connection to ${box.name} was lost: ${end.failure.message}`);
  });

  armIdle();
  timers.push(
    setTimeout(
      () => void live.end("max-length", `ended at the maximum session length of ${settings.maxSessionSeconds} s`),
      settings.maxSessionSeconds * 1000,
    ),
  );
  return live;
}
