/**
 * What the /api/v1/terminal-sessions and /api/v1/terminal-settings routes
 * answer and take: zod schemas (the OpenAPI document and apiHandler use them,
 * the UI imports the types). Timestamps are ISO 8601 strings.
 */
import { z } from "zod";
import { ZAsciicastHeader } from "./asciicast-reader";
import { BOX_KINDS, TERMINAL_END_REASONS, TERMINAL_PATHS, ZBoxRef } from "./terminal-protocol";
import { ZTerminalSettings } from "./terminal-settings";

const count = z.number().int().min(0);
const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** {id} of a terminal session in a URL: the dashboard's own ids; anything else names no session. */
export const ZTerminalSessionIdParams = z.object({
  id: z
    .string()
    .regex(SESSION_ID, "terminal session does not exist (ids are 8-64 letters, digits, _ and -)")
    .meta({ description: "terminal session id" }),
});

export const ZTerminalSessionView = z
  .object({
    id: z.string(),
    username: z.string(),
    client: z.string().meta({ description: "web | cli" }),
    box: z.object({
      kind: z.enum(BOX_KINDS),
      id: z.number().int(),
      name: z.string().meta({ description: "the box's hostname when the session opened" }),
    }),
    branchCode: z.string(),
    path: z.enum(TERMINAL_PATHS),
    route: z.string().meta({ description: 'what was dialled: "198.18.1.10:22", "169.254.1.10:22 via br-0001-gw"' }),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable().meta({ description: "null while the session is live" }),
    durationMs: z.number().int().nullable(),
    bytesIn: count.meta({ description: "bytes typed by the user (to the box)" }),
    bytesOut: count.meta({ description: "bytes printed by the box (to the user)" }),
    endReason: z.enum(TERMINAL_END_REASONS).nullable(),
    endMessage: z.string().nullable(),
    recordsInput: z.boolean().meta({ description: "the recording holds what was typed too" }),
    recordingBytes: count,
    recordingStopped: z.string().nullable().meta({ description: "why a size cap stopped the recording" }),
    cols: z.number().int(),
    rows: z.number().int(),
  })
  .meta({ id: "TerminalSessionView" });
export type TerminalSessionView = z.infer<typeof ZTerminalSessionView>;

/** Keyset cursor: the last row's start (ms since the epoch) and id, "1764518400000.abcdEFGH12". */
export const ZTerminalSessionCursor = z
  .string()
  .regex(/^[0-9]{1,15}\.[A-Za-z0-9_-]{8,64}$/, "cursor must be a nextCursor this API answered")
  .transform((s) => {
    const dot = s.indexOf(".");
    return { startedAt: new Date(Number(s.slice(0, dot))), id: s.slice(dot + 1) };
  });

export const ZTerminalSessionQuery = z.object({
  box: ZBoxRef.optional().meta({ description: 'only this box: "host:12" or "gateway:3"' }),
  user: z.string().trim().min(1).max(64).optional().meta({ description: "only this user's sessions (username)" }),
  open: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .meta({ description: "true: live sessions only; false: ended ones only" }),
  cursor: ZTerminalSessionCursor.optional().meta({ description: "the previous page's nextCursor" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TerminalSessionQuery = z.infer<typeof ZTerminalSessionQuery>;

export const ZTerminalSessionListResponse = z.object({
  sessions: z.array(ZTerminalSessionView),
  nextCursor: z.string().nullable(),
});
export type TerminalSessionListResponse = z.infer<typeof ZTerminalSessionListResponse>;

export const ZTerminalSessionDetailResponse = z.object({
  session: ZTerminalSessionView,
  recording: z.object({
    available: z.boolean().meta({ description: "the .cast file is on disk" }),
    fileBytes: count,
  }),
});
export type TerminalSessionDetailResponse = z.infer<typeof ZTerminalSessionDetailResponse>;

export const ZTerminalRecordingResponse = z.object({
  header: ZAsciicastHeader,
  events: z
    .array(z.tuple([z.number(), z.string(), z.string()]))
    .meta({ description: '[seconds, code, text]: "o" output, "r" resize, "m" marker; "i" input for admins only' }),
  skippedLines: count,
  truncated: z.boolean().meta({ description: "the recording is longer than one answer holds: its start is here" }),
  live: z.boolean().meta({ description: "the session is still running: the recording is still growing" }),
});
export type TerminalRecordingResponse = z.infer<typeof ZTerminalRecordingResponse>;

/** PUT body: the settings, plus the one rule between two fields. */
export const ZTerminalSettingsInput = ZTerminalSettings.superRefine((s, ctx) => {
  if (s.idleWarningSeconds >= s.idleTimeoutSeconds) {
    ctx.addIssue({
      code: "custom",
      path: ["idleWarningSeconds"],
      message: `must be less than idleTimeoutSeconds (${s.idleTimeoutSeconds}): the warning comes before the timeout`,
    });
  }
});

export const ZTerminalSettingsResponse = z.object({
  settings: ZTerminalSettings,
  updatedAt: z.iso.datetime().nullable().meta({ description: "null: the defaults, never saved" }),
  updatedBy: z.string().nullable(),
});
export type TerminalSettingsResponse = z.infer<typeof ZTerminalSettingsResponse>;
