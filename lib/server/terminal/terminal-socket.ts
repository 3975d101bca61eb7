import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { roleAllows, type Role } from "@/lib/domain/role";
import {
  TERMINAL_CLOSE,
  TERMINAL_OPEN_PATH,
  TERMINAL_WATCH_PATH,
  ZTerminalClientMessage,
  ZTerminalOpenQuery,
  ZTerminalWatchQuery,
  type TerminalServerMessage,
} from "@/lib/domain/terminal/terminal-protocol";
import type { Actor } from "@/lib/server/auth/actor";
import { readSession } from "@/lib/server/auth/read-session";
import { SESSION_COOKIE, sessionId } from "@/lib/server/auth/session-token";
import { API_HEADERS } from "@/lib/server/http/security-headers";
import { liveTerminals, type OutputFlow, type TerminalSink } from "./live-terminals";
import { openTerminal } from "./open-terminal";

/** Output is held while this much is sent but not yet taken by the kernel, and let go below the low mark. */
const HIGH_WATER = 512 * 1024;
const LOW_WATER = 128 * 1024;

type Refusal = { status: number; code: string; message: string };

/**
 * The terminal's WebSockets, on the dashboard's own HTTP server (no second
 * port). Before the upgrade: a foreign or missing Origin is refused (a page on
 * another site cannot ride the cookie), the session cookie must name a signed-
 * in user with the role (operator to open, admin to watch), and the query must
 * parse; a refusal is a plain HTTP answer (401/403/400/404) with a JSON body,
 * so a viewer gets a real 403 on the socket, not just a hidden button.
 */
export function attachTerminalSockets(server: Server): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 256 * 1024 });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    void handleUpgrade(wss, req, socket, head).catch((e) => {
      console.error("[branchdesk] terminal upgrade failed:", e);
      answer(socket, { status: 500, code: "internal", message: "internal error; the details are in the server log" });
    });
  });
  return wss;
}

async function handleUpgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer) {
  const url = new URL(req.url ?? "/", "http://dashboard.invalid");
  const watch = url.pathname === TERMINAL_WATCH_PATH;
  if (url.pathname !== TERMINAL_OPEN_PATH && !watch)
    return answer(socket, { status: 404, code: "not_found", message: `no WebSocket at ${url.pathname}` });
  const foreign = foreignOrigin(req);
  if (foreign) return answer(socket, { status: 403, code: "forbidden", message: foreign });
  const token = cookie(req.headers.cookie, SESSION_COOKIE);
  const actor = await readSession(token);
  const need: Role = watch ? "admin" : "operator";
  const denied = checkRole(actor, need);
  if (denied) return answer(socket, denied);
  const query = Object.fromEntries(url.searchParams);
  if (watch) {
    const q = ZTerminalWatchQuery.safeParse(query);
    if (!q.success) return answer(socket, badQuery(q.error.issues));
    const live = liveTerminals().get(q.data.session);
    if (!live)
      return answer(socket, {
        status: 404,
        code: "not_found",
        message: `terminal session ${q.data.session} is not running on this dashboard instance`,
      });
    wss.handleUpgrade(req, socket, head, (ws) => {
      const stop = live.watch(sinkFor(ws));
      ws.on("close", stop);
      ws.on("message", () => {}); // read-only: whatever a watcher sends is ignored
    });
    return;
  }
  const q = ZTerminalOpenQuery.safeParse(query);
  if (!q.success) return answer(socket, badQuery(q.error.issues));
  wss.handleUpgrade(req, socket, head, (ws) => void runSocket(ws, actor!, token!, q.data));
}

async function runSocket(
  ws: WebSocket,
  actor: Actor,
  token: string,
  q: {
    box: { kind: "host" | "gateway"; id: number };
    path?: "support" | "gateway" | "direct";
    cols: number;
    rows: number;
  },
) {
  // Input typed while the connection is still being made is kept and sent once the shell is up.
  const early: RawData[] = [];
  const onEarly = (data: RawData) => early.push(data);
  ws.on("message", onEarly);
  let closedEarly = false;
  ws.once("close", () => (closedEarly = true));
  const live = await openTerminal({
    actor,
    authSessionId: sessionId(token),
    client: "web",
    box: q.box,
    path: q.path,
    cols: q.cols,
    rows: q.rows,
    sink: sinkFor(ws),
  });
  ws.off("message", onEarly);
  if (!live) return;
  const session = live;
  if (closedEarly) {
    await session.end("user", `${actor.username} closed the terminal`);
    return;
  }
  const handle = (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      ws.close(1003, "send input as JSON text frames");
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      parsed = null;
    }
    const msg = ZTerminalClientMessage.safeParse(parsed);
    if (!msg.success) {
      ws.close(1008, "not a terminal message");
      return;
    }
    if (msg.data.type === "input") session.input(msg.data.data);
    else session.resize(msg.data.cols, msg.data.rows);
  };
  for (const d of early) handle(d, false);
  ws.on("message", handle);
  ws.on("close", () => void session.end("user", `${actor.username} closed the terminal`));
}

/**
 * A socket as a sink. Output goes out the moment it is handed over: the
 * session hands it over in bounded pieces (one read of the SSH channel, at
 * most a scheduler quantum), so there is nothing to gain from waiting, and an
 * echo is never delayed. Flow control: the bytes sent but not yet taken by the
 * kernel (a slow browser) are counted from ws's send callbacks; above the high
 * mark the session's output is held, and it is let go below the low mark.
 * Control messages are text frames in the same stream, so the order is kept.
 * A refused open closes with the code of its reason.
 */
function sinkFor(ws: WebSocket): TerminalSink {
  let closeCode: number = TERMINAL_CLOSE.ended;
  let flow: OutputFlow | null = null;
  let inFlight = 0;
  let holding = false;
  const sent = (bytes: number) => () => {
    inFlight -= bytes;
    if (holding && inFlight <= LOW_WATER) {
      holding = false;
      flow?.release();
    }
  };
  // A closed socket takes nothing more: let go, so a hold never outlives its socket.
  ws.once("close", () => {
    holding = false;
    flow?.release();
  });
  return {
    flow(f) {
      flow = f;
    },
    output(chunk) {
      if (ws.readyState !== ws.OPEN) return;
      inFlight += chunk.length;
      ws.send(chunk, { binary: true }, sent(chunk.length));
      if (!holding && inFlight > HIGH_WATER && flow) {
        holding = true;
        flow.hold();
      }
    },
    control(message: TerminalServerMessage) {
      if (message.type === "refused")
        closeCode =
          message.failure.kind === "limit"
            ? TERMINAL_CLOSE.limit
            : message.failure.kind === "not-found"
              ? TERMINAL_CLOSE.notFound
              : TERMINAL_CLOSE.refused;
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    },
    close() {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING)
        ws.close(closeCode, closeCode === TERMINAL_CLOSE.ended ? "session over" : "refused");
    },
  };
}

function checkRole(actor: Actor | null, need: Role): Refusal | null {
  if (!actor) return { status: 401, code: "unauthenticated", message: "sign in first" };
  if (!roleAllows(actor.role, need))
    return {
      status: 403,
      code: "forbidden",
      message: `this needs the ${need} role; you are signed in as ${actor.username} (${actor.role})`,
    };
  return null;
}

function badQuery(issues: { path: PropertyKey[]; message: string }[]): Refusal {
  const text = issues.map((i) => `${i.path.map(String).join(".") || "query"}: ${i.message}`).join("; ");
  return { status: 400, code: "validation", message: text };
}

/** A browser always sends Origin on a WebSocket; it must be this dashboard (scheme-less host match). */
function foreignOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin) return "a terminal socket needs an Origin header (browsers send one)";
  let originHost = "";
  try {
    originHost = new URL(origin).host;
  } catch {
    /* not a URL */
  }
  if (!host || originHost !== host) return `cross-site socket refused (origin ${origin} is not this dashboard)`;
  return null;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function answer(socket: Duplex, r: Refusal): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: r.code, message: r.message } });
  const reason = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" }[r.status] ?? "Error";
  const headers = [
    `HTTP/1.1 ${r.status} ${reason}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    ...Object.entries(API_HEADERS).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${headers.join("\r\n")}\r\n\r\n${body}`);
}
