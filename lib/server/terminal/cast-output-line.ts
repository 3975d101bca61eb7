import { isUtf8 } from "node:buffer";
import { castEventLine } from "@/lib/domain/terminal/asciicast";

/**
 * How many leading bytes of `bytes` are whole UTF-8 characters: all of them,
 * unless the buffer ends inside a multi-byte character (one split between two
 * SSH packets), whose first bytes then wait for the rest.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead byte
    if (b < 0x80) return n;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return back < need ? n - back : n;
  }
  return n;
}

/**
 * An asciicast output event for raw terminal bytes: the same line as
 * `castEventLine(seconds, "o", bytes.toString())`, as UTF-8 bytes, at a
 * fraction of the cost. Valid UTF-8 is escaped without decoding it:
 * JSON.stringify over the bytes read as Latin-1 (one char per byte) escapes
 * exactly the control characters, quotes and backslashes, and leaves every
 * byte from 0x80 alone, so writing its result back as Latin-1 gives the UTF-8
 * text with the escapes JSON.stringify would have put in the decoded string.
 * Invalid UTF-8 takes the decoding path (U+FFFD for what cannot be decoded).
 */
export function castOutputLine(seconds: number, bytes: Buffer): Buffer {
  if (!isUtf8(bytes)) return Buffer.from(castEventLine(seconds, "o", bytes.toString("utf8")), "utf8");
  const time = JSON.stringify(Math.round(seconds * 1e6) / 1e6);
  return Buffer.from(`[${time},"o",${JSON.stringify(bytes.toString("latin1"))}]\n`, "latin1");
}
