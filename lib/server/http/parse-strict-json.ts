import { parse as parseJsonAst, type AnyNode } from "@humanwhocodes/momoa";
import { AppError } from "@/lib/server/errors/app-error";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes to text, refusing what is not UTF-8: the lenient default would turn
 * bad bytes into U+FFFD, so a client's "name" would be stored as something it
 * never sent.
 */
export function decodeUtf8Body(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError("bad_request", "request body is not valid UTF-8 text; send it encoded as UTF-8");
  }
}

/**
 * JSON.parse, plus what it lets through that must not reach a service:
 * - a repeated key: JSON.parse keeps the last one, so {"role":"viewer","role":"admin"}
 *   passes a reviewer reading the first and creates an admin (issue 8);
 * - a lone UTF-16 surrogate (\ud800): valid JSON, but not text; PostgreSQL and
 *   the SQLite driver fail on it deep inside a write, as a 500.
 * - a NUL (\u0000): PostgreSQL text cannot hold it, so it too failed as a 500;
 * - nesting deeper than MAX_DEPTH: no input is more than a few levels deep, and the
 *   tree walk (like any recursive parser) would run out of stack on [[[[... (a 500).
 * All are answered 400 naming the path, dotted like zod's ("guest.ip", "rows.1.a").
 * JSON.parse stays the judge of syntax; momoa (ESLint's JSON parser) gives the
 * tree that still has every key as written.
 */
export function parseStrictJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppError("bad_request", `request body is not valid JSON: ${(e as Error).message}`);
  }
  if (nestingDepth(text) > MAX_DEPTH) {
    throw new AppError("bad_request", `request body is nested deeper than ${MAX_DEPTH} levels; no Branchdesk input is`);
  }
  check(parseJsonAst(text, { mode: "json" }).body, []);
  return value;
}

export const MAX_DEPTH = 64;

/** How deep arrays and objects nest; brackets inside strings do not count. Only for text JSON.parse accepted. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\")
        i++; // the escaped character, whatever it is, cannot end the string
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") max = Math.max(max, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return max;
}

function check(node: AnyNode, path: Array<string | number>): void {
  if (node.type === "String") assertText(node.value, path);
  if (node.type === "Array") node.elements.forEach((el, i) => check(el.value, [...path, i]));
  if (node.type !== "Object") return;
  const seen = new Set<string>();
  for (const member of node.members) {
    // In JSON mode a name is always a String node; its value is the unescaped key.
    const key = member.name.type === "String" ? member.name.value : member.name.name;
    assertText(key, path);
    if (seen.has(key)) {
      const at = fieldKey([...path, key]);
      const message = "appears more than once; send each key once";
      throw new AppError("bad_request", `request body has the key ${JSON.stringify(key)} more than once (at ${at})`, {
        [at]: [message],
      });
    }
    seen.add(key);
    check(member.value, [...path, key]);
  }
}

// With the u flag a surrogate pair is one code point, so only an unpaired half matches.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** A bad key names the object that holds it: the key itself cannot be printed. */
function assertText(text: string, path: Array<string | number>): void {
  let message: string | undefined;
  if (LONE_SURROGATE.test(text)) {
    message = "contains a lone surrogate (a \\ud800-\\udfff escape without its pair): not valid Unicode text";
  } else if (text.includes("\u0000")) {
    message = "contains a NUL character (\\u0000), which no text may hold";
  }
  if (!message) return;
  const at = fieldKey(path);
  throw new AppError("bad_request", `request body: ${at} ${message}`, { [at]: [message] });
}

const fieldKey = (path: Array<string | number>) => path.join(".") || "body";
