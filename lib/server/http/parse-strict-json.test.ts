import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors/app-error";
import { decodeUtf8Body, parseStrictJson } from "./parse-strict-json";

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("parseStrictJson: a body means one thing or it is refused", () => {
  it.each([
    ["an object", '{"a":1,"b":[1,{"c":"d"}]}', { a: 1, b: [1, { c: "d" }] }],
    ["the same key in sibling objects", '[{"a":1},{"a":2}]', [{ a: 1 }, { a: 2 }]],
    ["the same key at two depths", '{"a":{"a":{"a":1}}}', { a: { a: { a: 1 } } }],
    ["a well-formed surrogate pair (an emoji)", '{"name":"\\ud83d\\ude00 ok"}', { name: "\u{1F600} ok" }],
    ["an empty key once", '{"":1}', { "": 1 }],
    ["__proto__ as data, not a prototype", '{"__proto__":{"x":1}}', JSON.parse('{"__proto__":{"x":1}}')],
    ["a scalar", '"text"', "text"],
  ])("accepts %s", (_, text, expected) => {
    expect(parseStrictJson(text)).toEqual(expected);
  });

  it.each([
    ["a top-level key", '{"role":"viewer","role":"admin"}', "role"],
    ["a key spelled with an escape", '{"role":"viewer","r\\u006fle":"admin"}', "role"],
    ["a nested key", '{"guest":{"ip":"198.51.100.7","ip":"198.51.100.8"}}', "guest.ip"],
    ["a key inside an array element", '{"rows":[{"a":1},{"a":1,"a":2}]}', "rows.1.a"],
    ["an empty key", '{"":1,"":2}', "body"],
    ["__proto__", '{"__proto__":{},"__proto__":{}}', "__proto__"],
  ])("refuses a duplicate key (%s) with 400 naming its path", (_, text, path) => {
    const e = refusal(() => parseStrictJson(text));
    expect(e.status).toBe(400);
    expect(e.code).toBe("bad_request");
    expect(Object.keys(e.fields)).toEqual([path]);
    expect(e.message).toContain("more than once");
  });

  it.each([
    ["a lone high surrogate in a value", '{"name":"a\\ud800b"}', "name"],
    ["a lone low surrogate in a value", '{"name":"\\udc00"}', "name"],
    ["a reversed pair", '{"name":"\\ude00\\ud83d"}', "name"],
    ["a lone surrogate in a nested array", '{"guest":{"tags":["ok","\\udfff"]}}', "guest.tags.1"],
    ["a lone surrogate in a key", '{"na\\ud800me":"x"}', "body"],
    ["a lone surrogate as the whole body", '"\\ud800"', "body"],
  ])("refuses %s with 400 naming the field", (_, text, path) => {
    const e = refusal(() => parseStrictJson(text));
    expect(e.status).toBe(400);
    expect(Object.keys(e.fields)).toEqual([path]);
    expect(e.message).toContain("lone surrogate");
  });

  it.each([
    ["truncated", '{"a":'],
    ["a trailing comma", '{"a":1,}'],
    ["a comment", '{"a":1 /* x */}'],
    ["NaN", '{"a":NaN}'],
  ])("refuses what JSON.parse refuses (%s) as not valid JSON", (_, text) => {
    expect(refusal(() => parseStrictJson(text)).message).toContain("not valid JSON");
  });
});

describe("parseStrictJson: what PostgreSQL or the stack cannot take is a 400, not a 500", () => {
  it.each([
    ["a NUL in a value", '{"username":"adm\\u0000in"}', "username"],
    ["a NUL in a nested value", '{"guest":{"name":["x","\\u0000"]}}', "guest.name.1"],
    ["a NUL in a key", '{"a\\u0000":1}', "body"],
  ])("refuses %s naming the field (PostgreSQL text cannot hold U+0000)", (_, text, path) => {
    const e = refusal(() => parseStrictJson(text));
    expect(e.status).toBe(400);
    expect(Object.keys(e.fields)).toEqual([path]);
    expect(e.message).toContain("NUL");
  });

  it.each([
    ["arrays", "[", "]"],
    ["objects", '{"a":', "}"],
  ])("refuses %s nested deeper than 64 levels", (_, open, close) => {
    for (const depth of [65, 5_000, 100_000]) {
      const e = refusal(() => parseStrictJson(open.repeat(depth) + "1" + close.repeat(depth)));
      expect(e.status, String(depth)).toBe(400);
      expect(e.message).toContain("nested deeper than 64");
    }
    expect(() => parseStrictJson(open.repeat(64) + "1" + close.repeat(64))).not.toThrow();
  });

  it("brackets inside strings do not count as nesting", () => {
    expect(parseStrictJson(JSON.stringify({ a: "[".repeat(500) + '{"\\' }))).toEqual({ a: "[".repeat(500) + '{"\\' });
  });
});

describe("decodeUtf8Body", () => {
  it("decodes UTF-8 and refuses bytes that are not UTF-8 instead of replacing them", () => {
    expect(decodeUtf8Body(new TextEncoder().encode('{"name":"Lyon é"}'))).toBe('{"name":"Lyon é"}');
    for (const bytes of [[0xff], [0x22, 0xc3, 0x22], [0xed, 0xa0, 0x80]]) {
      const e = refusal(() => decodeUtf8Body(new Uint8Array(bytes)));
      expect(e.status).toBe(400);
      expect(e.message).toContain("not valid UTF-8");
    }
  });
});
