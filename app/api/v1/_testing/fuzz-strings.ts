/**
 * The API fuzz test's catalogue of hostile and boundary inputs, each with a
 * name: a finding is reported by that name, so two runs that hit the same
 * weakness with different random values are one finding, not two.
 */
import fc from "fast-check";

export type Named<T> = { name: string; value: T };

const named = <T>(entries: Record<string, T>): Named<T>[] =>
  Object.entries(entries).map(([name, value]) => ({ name, value }));

/** Strings aimed at parsers, shells, SQL, logs and the UI. */
export const HOSTILE_STRINGS = named({
  empty: "",
  blank: "   ",
  NUL: "eth0\u0000",
  "lone high surrogate": "\ud800",
  "lone low surrogate": "BR-\udc00",
  "U+202E right-to-left override": "\u202egnp.exe",
  "zero-width joiner": "BR-00\u200d42",
  "shell $(id)": "$(id)",
  "shell ;reboot": "eth0;reboot",
  "shell backticks": "`id`",
  newline: "eth0\nreboot",
  "CRLF header injection": "a\r\nSet-Cookie: x=1",
  "Cyrillic homoglyph": "\u0435th0",
  "fullwidth homoglyph": "\uff22\uff32-\uff10\uff10\uff14\uff12",
  "Kelvin sign homoglyph": "\u212aiosk",
  "Arabic-Indic digits": "BR-\u0660\u0660\u0664\u0662",
  "dotted capital I": "\u0130",
  "astral emoji": "\u{1f600}",
  "percent %ff": "%ff",
  "percent %00": "%00",
  "path traversal": "../../etc/passwd",
  "SQL quote": "' OR 1=1 --",
  "LIKE wildcards": "%_%",
  "prototype name": "__proto__",
  "constructor name": "constructor",
  NaN: "NaN",
  Infinity: "Infinity",
  "negative zero": "-0",
  "1e309": "1e309",
  "hex number": "0x10",
  "2^53+1": "9007199254740993",
  "long 10k": "x".repeat(10_000),
});

/** Non-string JSON values, written as JSON text (so -0 and 2^53+1 reach the server as typed). */
export const HOSTILE_JSON = named({
  null: "null",
  true: "true",
  zero: "0",
  "negative zero": "-0",
  "-1": "-1",
  "1.5": "1.5",
  "65535": "65535",
  "65536": "65536",
  "2^31": "2147483648",
  "2^53+1": "9007199254740993",
  "1e308": "1e308",
  "empty array": "[]",
  "array of a string": '["eth0"]',
  "empty object": "{}",
  "operator object": '{"$gt":""}',
  "prototype object": '{"__proto__":{"admin":true}}',
  "deep array": "[".repeat(2_000) + "]".repeat(2_000),
});

/** Raw path segments, as they appear in the URL (already percent-encoded where they are). */
export const HOSTILE_SEGMENTS = named({
  "%ff": "%ff",
  "%00": "%00",
  "encoded lone surrogate %ed%a0%80": "%ed%a0%80",
  "encoded ../": "..%2f..%2fusers",
  "double-encoded dot": "%252e%252e",
  "trailing %20": "1%20",
  "trailing NUL": "BR-0042%00",
  "U+202E": "%E2%80%AE1",
  "fullwidth digit": "%EF%BC%91",
  zero: "0",
  negative: "-1",
  "leading zeros": "0001",
  exponent: "1e3",
  hex: "0x10",
  decimal: "1.0",
  "2^31": "2147483648",
  huge: "9".repeat(30),
  NaN: "NaN",
  shell: "%24(id)%3Breboot",
  SQL: "'%20OR%201=1--",
  prototype: "__proto__",
  long: "x".repeat(4_000),
});

/** Whole query strings that a naive parser chokes on. */
export const HOSTILE_QUERIES = named({
  "%ff": "%ff",
  "key %ff": "q=%ff",
  NUL: "q=%00",
  "bare =": "=",
  ampersands: "&&&",
  "repeated key": "q=a&q=b&limit=1&limit=2",
  "array key": "sort[]=code&limit[]=1",
  "__proto__ key": "__proto__=1&constructor=x",
  "1e309 limit": "limit=1e309&cursor=1e309",
  "2^53+1 cursor": "cursor=9007199254740993",
  negative: "limit=-1&cursor=-1",
  "plus-encoded": "q=a+b%2Bc",
  "double-encoded": "q=%2525ff",
  long: "q=" + "x".repeat(8_000),
});

/** Strings just inside and just past a length limit; no edge whitespace, so trimming cannot rescue them. */
export function lengthBoundaries(min: number | undefined, max: number | undefined): Named<string>[] {
  const out: Named<string>[] = [];
  if (min !== undefined && min > 0) out.push({ name: `minLength-1 (${min - 1})`, value: "a".repeat(min - 1) });
  if (max !== undefined) {
    out.push({ name: `maxLength (${max})`, value: "a".repeat(max) });
    out.push({ name: `maxLength+1 (${max + 1})`, value: "a".repeat(max + 1) });
  }
  return out;
}

/** Integers at and past documented bounds, plus the classic port edges. */
export function numberBoundaries(min: number | undefined, max: number | undefined): Named<string>[] {
  const values = new Set<number>([0, 1, 65535, 65536]);
  for (const b of [min, max]) {
    if (b !== undefined && Number.isSafeInteger(b)) for (const d of [-1, 0, 1]) values.add(b + d);
  }
  return [...values].map((n) => ({ name: `number ${n}`, value: String(n) }));
}

export const pick = <T>(items: Named<T>[]) => fc.constantFrom(...items);
