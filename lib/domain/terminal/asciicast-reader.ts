import { z } from "zod";

/**
 * Reading an asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/):
 * a header line of JSON, then one JSON array per line, `[seconds, code, data]`.
 * Codes: "o" output, "i" input, "r" resize ("120x32"), "m" marker; any other
 * code is kept as it is (a newer recorder may write one) and replay ignores it.
 * A line that does not parse is skipped and counted, never fatal: the last line
 * of a live or crashed session's file may be cut off mid-write.
 */

export const ZAsciicastHeader = z
  .object({
    version: z.literal(2),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    timestamp: z.number().optional(),
    title: z.string().optional(),
  })
  .loose()
  .meta({ id: "AsciicastHeader" });
export type AsciicastHeader = z.infer<typeof ZAsciicastHeader>;

/** One event: seconds since the start, its code, its text. */
export type AsciicastEvent = [number, string, string];
export const ZAsciicastEvent = z.tuple([z.number().nonnegative(), z.string().min(1).max(8), z.string()]);

export type ParsedAsciicast = {
  header: AsciicastHeader;
  events: AsciicastEvent[];
  /** Lines after the header that were not events (cut off, not JSON, not [t, code, text]). */
  skippedLines: number;
  /** True when the caps stopped the reading before the end of the file. */
  truncated: boolean;
};

export type AsciicastCaps = {
  /** At most this many events. */
  maxEvents: number;
  /** At most this many characters of event text, summed. */
  maxChars: number;
};

export type AsciicastError = { line: number; message: string };

/** Parses a whole recording (or its first part); the caps bound what is returned, not what is read. */
export function parseAsciicast(
  text: string,
  caps: AsciicastCaps = { maxEvents: Infinity, maxChars: Infinity },
): { ok: true; value: ParsedAsciicast } | { ok: false; error: AsciicastError } {
  const lines = text.split("\n");
  const header = parseHeader(lines[0] ?? "");
  if (!header.ok) return header;
  const events: AsciicastEvent[] = [];
  let skippedLines = 0;
  let chars = 0;
  let truncated = false;
  let last = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const event = parseEvent(line);
    if (!event) {
      skippedLines++;
      continue;
    }
    if (events.length >= caps.maxEvents || chars + event[2].length > caps.maxChars) {
      truncated = true;
      break;
    }
    // Time only moves forward in a replay: a clock step back on the recorder is held at the last time.
    event[0] = Math.max(event[0], last);
    last = event[0];
    chars += event[2].length;
    events.push(event);
  }
  return { ok: true, value: { header: header.value, events, skippedLines, truncated } };
}

function parseHeader(line: string): { ok: true; value: AsciicastHeader } | { ok: false; error: AsciicastError } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, error: { line: 1, message: "the header line is not JSON (is this an asciicast v2 file?)" } };
  }
  const parsed = ZAsciicastHeader.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const message = `the header's ${issue.path.join(".") || "value"} ${issue.message} (asciicast v2 expected)`;
  return { ok: false, error: { line: 1, message } };
}

function parseEvent(line: string): AsciicastEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const parsed = ZAsciicastEvent.safeParse(json);
  return parsed.success ? [parsed.data[0], parsed.data[1], parsed.data[2]] : null;
}

/** "120x32" -> { cols, rows }; anything else null. */
export function parseResize(data: string): { cols: number; rows: number } | null {
  const m = /^([1-9][0-9]{0,3})x([1-9][0-9]{0,3})$/.exec(data);
  return m ? { cols: Number(m[1]), rows: Number(m[2]) } : null;
}
