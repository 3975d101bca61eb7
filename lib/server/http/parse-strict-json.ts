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
 * Both are answered 400 naming the path, dotted like zod's ("guest.ip", "rows.1.a").
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
  check(parseJsonAst(text, { mode: "json" }).body, []);
  return value;
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

/** A lone surrogate in a key names the object that holds it: the key itself cannot be printed. */
function assertText(text: string, path: Array<string | number>): void {
  if (!LONE_SURROGATE.test(text)) return;
  const at = fieldKey(path);
  const message = "contains a lone surrogate (a \\ud800-\\udfff escape without its pair): not valid Unicode text";
  throw new AppError("bad_request", `request body: ${at} ${message}`, { [at]: [message] });
}

const fieldKey = (path: Array<string | number>) => path.join(".") || "body";
