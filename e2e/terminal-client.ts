import { request } from "node:http";
import WebSocket from "ws";
import {
  TERMINAL_OPEN_PATH,
  ZTerminalServerMessage,
  type TerminalServerMessage,
} from "@/lib/domain/terminal/terminal-protocol";

/**
 * The web terminal's WebSocket as a program drives it (lib/domain/terminal/
 * terminal-protocol.ts): for specs that check the socket itself and for the
 * terminal benchmark. Sends the session cookie and this dashboard's Origin, as
 * a browser on the dashboard's page does.
 */
export type TerminalClient = {
  ws: WebSocket;
  messages: TerminalServerMessage[];
  /** Every output byte so far, as UTF-8 text. */
  output(): string;
  /** Output bytes received so far. */
  bytes(): number;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  /** Resolves when `check` returns something truthy after a message or output arrives. */
  until<T>(what: string, check: () => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  /** Called with each binary frame as it arrives (the benchmark's echo timing). */
  onOutput(fn: (chunk: Buffer) => void): void;
  /** The close code, or the HTTP status of a refused upgrade. */
  closed: Promise<number>;
  close(): void;
};

export type TerminalOpen = { box: string; path?: string; cols?: number; rows?: number };

export function terminalUrl(baseUrl: string, open: TerminalOpen): string {
  const q = new URLSearchParams({ box: open.box, cols: String(open.cols ?? 80), rows: String(open.rows ?? 24) });
  if (open.path) q.set("path", open.path);
  return `${baseUrl.replace(/^http/, "ws")}${TERMINAL_OPEN_PATH}?${q}`;
}

export function openTerminalClient(baseUrl: string, cookie: string, open: TerminalOpen): TerminalClient {
  const ws = new WebSocket(terminalUrl(baseUrl, open), {
    headers: { cookie, origin: new URL(baseUrl).origin },
    perMessageDeflate: false,
  });
  const messages: TerminalServerMessage[] = [];
  const chunks: Buffer[] = [];
  let total = 0;
  const waiters = new Set<() => void>();
  const outputFns: Array<(chunk: Buffer) => void> = [];
  const wake = () => waiters.forEach((w) => w());
  ws.on("message", (data: Buffer, isBinary) => {
    if (isBinary) {
      total += data.length;
      for (const fn of outputFns) fn(data);
      // Kept only while someone may read it as text: the benchmark's bulk runs would hold megabytes.
      if (chunks.length < 10_000) chunks.push(data);
    } else messages.push(ZTerminalServerMessage.parse(JSON.parse(data.toString())));
    wake();
  });
  let closeCode: number | null = null;
  const closed = new Promise<number>((resolve) => {
    const done = (code: number) => {
      closeCode ??= code;
      resolve(closeCode);
      wake();
    };
    ws.on("close", (code) => done(code));
    ws.on("unexpected-response", (_req, res) => done(res.statusCode ?? 0));
    ws.on("error", () => {});
  });
  const send = (m: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
  return {
    ws,
    messages,
    output: () => Buffer.concat(chunks).toString("utf8"),
    bytes: () => total,
    input: (data) => send({ type: "input", data }),
    resize: (cols, rows) => send({ type: "resize", cols, rows }),
    onOutput: (fn) => outputFns.push(fn),
    until(what, check, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(poll);
          const last = messages.map((m) => JSON.stringify(m)).join("\n");
          reject(new Error(`waited ${timeoutMs} ms for ${what}; messages:\n${last}\noutput tail: ${tail()}`));
        }, timeoutMs);
        const tail = () => JSON.stringify(Buffer.concat(chunks.slice(-20)).toString("utf8").slice(-400));
        const poll = () => {
          const v = check();
          if (v) {
            clearTimeout(timer);
            waiters.delete(poll);
            resolve(v);
          } else if (closeCode !== null) {
            // Closed: nothing more will arrive; fail now with what we have.
            clearTimeout(timer);
            waiters.delete(poll);
            reject(new Error(`the socket closed (${closeCode}) before ${what}; messages: ${JSON.stringify(messages)}`));
          }
        };
        waiters.add(poll);
        poll();
      });
    },
    closed,
    close: () => ws.close(),
  };
}

/**
 * A bare WebSocket upgrade request: the HTTP status the dashboard answers
 * (101 when it accepts, 401/403/400 when it refuses before the upgrade).
 */
export function upgradeStatus(baseUrl: string, cookie: string | null, open: TerminalOpen): Promise<number> {
  const url = new URL(terminalUrl(baseUrl, open).replace(/^ws/, "http"));
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": Buffer.from("branchdesk-e2e-k").toString("base64"),
        origin: url.origin,
        ...(cookie ? { cookie } : {}),
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}
