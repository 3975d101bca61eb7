/**
 * asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/): a header
 * line, then one JSON array per event: [seconds since start, code, text].
 * Codes: "o" output, "i" input, "r" resize ("COLSxROWS"), "m" marker.
 */
export type CastHeader = {
  version: 2;
  width: number;
  height: number;
  /** Unix time (s) the session started. */
  timestamp: number;
  title?: string;
  env?: Record<string, string>;
};

export type CastEventCode = "o" | "i" | "r" | "m";

export function castHeaderLine(header: CastHeader): string {
  return `${JSON.stringify(header)}\n`;
}

/** One event line; time in seconds with microsecond precision, as asciinema writes it. */
export function castEventLine(seconds: number, code: CastEventCode, text: string): string {
  return `${JSON.stringify([Math.round(seconds * 1e6) / 1e6, code, text])}\n`;
}
