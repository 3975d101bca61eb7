import { z } from "zod";

/**
 * The web terminal's wire protocol (issue 10), shared by the dashboard's
 * WebSocket server (lib/server/terminal), the browser (app/_components/terminal)
 * and the benchmark.
 *
 * Socket URLs, served by scripts/serve.ts on the dashboard's own port:
 *   /api/v1/terminal/open?box=host:12&path=support|gateway&cols=120&rows=32   (operator)
 *   /api/v1/terminal/watch?session=<terminal session id>                       (admin, read-only)
 * The session cookie authenticates; a foreign Origin is refused before the upgrade.
 *
 * Frames: the box's output travels as **binary** frames (raw bytes, UTF-8 as the
 * box wrote it); everything else is a **text** frame holding one JSON message.
 */

export const TERMINAL_OPEN_PATH = "/api/v1/terminal/open";
export const TERMINAL_WATCH_PATH = "/api/v1/terminal/watch";

export const TERMINAL_PATHS = ["support", "gateway", "direct"] as const;
export const ZTerminalPath = z.enum(TERMINAL_PATHS);
/** support: guest IP:22, redirected by the host's rules to its sshd. gateway: the host's link-local
 * address through its gateway's pinned session. direct: a gateway, at its head-office address. */
export type TerminalPath = z.infer<typeof ZTerminalPath>;

export const BOX_KINDS = ["host", "gateway"] as const;
export type BoxKind = (typeof BOX_KINDS)[number];
export type BoxRef = { kind: BoxKind; id: number };

/** "host:12" / "gateway:3" -> BoxRef; anything else is refused by the schema. */
export const ZBoxRef = z
  .string()
  .regex(/^(host|gateway):[1-9][0-9]{0,9}$/, 'box must be "host:<id>" or "gateway:<id>"')
  .transform((s): BoxRef => {
    const [kind, id] = s.split(":");
    return { kind: kind as BoxKind, id: Number(id) };
  });

export const TERMINAL_MIN_COLS = 10;
export const TERMINAL_MAX_COLS = 500;
export const TERMINAL_MIN_ROWS = 2;
export const TERMINAL_MAX_ROWS = 200;
const ZCols = z.coerce.number().int().min(TERMINAL_MIN_COLS).max(TERMINAL_MAX_COLS);
const ZRows = z.coerce.number().int().min(TERMINAL_MIN_ROWS).max(TERMINAL_MAX_ROWS);

/** The open socket's query string. */
export const ZTerminalOpenQuery = z.strictObject({
  box: ZBoxRef,
  path: ZTerminalPath.optional(),
  cols: ZCols.default(80),
  rows: ZRows.default(24),
});
export type TerminalOpenQuery = z.infer<typeof ZTerminalOpenQuery>;

export const ZTerminalWatchQuery = z.strictObject({ session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/** Browser -> dashboard. Input is what the user typed, as xterm's onData gives it (a string). */
export const ZTerminalClientMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("input"), data: z.string().max(65_536) }),
  z.strictObject({ type: z.literal("resize"), cols: ZCols, rows: ZRows }),
]);
export type TerminalClientMessage = z.infer<typeof ZTerminalClientMessage>;

/** The typed SSH failures a techie sees (the same kinds as the rollouts'). */
export const ZTerminalFailure = z.object({
  kind: z.string(),
  message: z.string(),
  /** Host key mismatch: the pinned fingerprint and the one the box presented. */
  expected: z.string().optional(),
  got: z.string().optional(),
});
export type TerminalFailure = z.infer<typeof ZTerminalFailure>;

export const TERMINAL_END_REASONS = [
  "user", // the user closed the terminal (or the box's shell exited: see box-closed)
  "box-closed", // the shell on the box ended (exit, logout)
  "connection-lost", // the SSH connection died (sshd killed, box gone, keepalive timeout)
  "idle", // no input for the idle timeout
  "max-length", // the maximum session length was reached
  "signed-out", // the user's dashboard session ended
  "disabled", // the user was disabled
  "role", // the user's role no longer allows terminals
  "server-stopped", // the dashboard stopped
  "interrupted", // found open after a dashboard restart
] as const;
export type TerminalEndReason = (typeof TERMINAL_END_REASONS)[number];
export const ZTerminalEndReason = z.enum(TERMINAL_END_REASONS);

export const ZTerminalServerMessage = z.discriminatedUnion("type", [
  /** Before the SSH connection: which path is being tried. */
  z.strictObject({ type: z.literal("connecting"), path: ZTerminalPath, route: z.string() }),
  z.strictObject({
    type: z.literal("opened"),
    sessionId: z.string(),
    path: ZTerminalPath,
    route: z.string(),
    /** TCP connect + key exchange + auth (+ the gateway hop), ms. */
    connectMs: z.number(),
    hostKey: z.string(),
    recordsInput: z.boolean(),
    /** Limits in force for this session, so the browser can say so. */
    idleTimeoutSeconds: z.number(),
    maxSessionSeconds: z.number(),
  }),
  /** The open was refused (limit, role, unknown box) or the SSH connection failed. The socket closes next. */
  z.strictObject({
    type: z.literal("refused"),
    path: ZTerminalPath.nullable(),
    route: z.string().nullable(),
    failure: ZTerminalFailure,
    /** Another path the user may try (support failed -> "gateway"). */
    alternative: ZTerminalPath.nullable(),
  }),
  /** Something the user must see now: idle warning, recording stopped at its cap. */
  z.strictObject({
    type: z.literal("notice"),
    code: z.enum(["idle-warning", "recording-stopped", "watch-started"]),
    message: z.string(),
  }),
  /** The session is over; the socket closes next. */
  z.strictObject({ type: z.literal("ended"), reason: ZTerminalEndReason, message: z.string() }),
  /** Watch sockets: the watched session's size and what it printed so far (as binary frames after this). */
  z.strictObject({ type: z.literal("watching"), sessionId: z.string(), cols: z.number(), rows: z.number() }),
  z.strictObject({ type: z.literal("resized"), cols: z.number(), rows: z.number() }),
]);
export type TerminalServerMessage = z.infer<typeof ZTerminalServerMessage>;

/** WebSocket close codes (4000-4999 are the application's). The reason text says more. */
export const TERMINAL_CLOSE = {
  normal: 1000,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  limit: 4429,
  refused: 4502,
  ended: 4000,
} as const;
