import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldCase,
  ipNeedle,
  macNeedle,
  matchRank,
  prefixRange,
  rankMatch,
  SEARCH_FIELDS,
  searchLookups,
  ZHostSearchQuery,
  type SearchField,
} from "./host-search";

const fields = (q: string) => searchLookups(q).map((l) => l.field);
const lookup = (q: string, field: SearchField) => searchLookups(q).find((l) => l.field === field)?.value;

describe("macNeedle: every common spelling of a MAC normalises to the stored lower-case colons", () => {
  it.each([
    ["52:54:00:aa:bb:cc", "52:54:00:aa:bb:cc"],
    ["52:54:00:AA:BB:CC", "52:54:00:aa:bb:cc"],
    ["52-54-00-AA-BB-CC", "52:54:00:aa:bb:cc"],
    ["525400AABBCC", "52:54:00:aa:bb:cc"],
    ["5254.00aa.bbcc", "52:54:00:aa:bb:cc"],
    ["5254.00AA.BBCC", "52:54:00:aa:bb:cc"],
  ])("whole %s -> %s", (q, want) => {
    expect(macNeedle(q)).toBe(want);
  });

  it.each([
    ["52:54:00:a", "52:54:00:a"],
    ["52:54", "52:54"],
    ["52:", "52"],
    ["52-54-00-AA", "52:54:00:aa"],
    ["5254.00a", "52:54:00:a"],
    ["5254.", "52:54"],
    ["525400", "52:54:00"],
    ["525400aabbc", "52:54:00:aa:bb:c"],
  ])("the start of one, %s -> prefix %s", (q, want) => {
    expect(macNeedle(q)).toBe(want);
  });

  it.each([
    ["01:00:5e:00:00:01", "a whole multicast MAC (no NIC has one)"],
    ["0100.5e00.0001", "a whole multicast MAC, Cisco spelling"],
    ["52:54-00", "mixed separators"],
    ["5:2", "a group that is not a pair"],
    ["52::54", "an empty group"],
    ["52:54:00:aa:bb:cc:dd", "seven groups"],
    ["52.54", "dotted groups that are not quads"],
    ["cafe", "bare hex shorter than an OUI (a word, a serial)"],
    ["br-0042-h01", "a hostname"],
    ["198.18.3.10", "an IP address"],
    ["52:54:00:zz", "not hex"],
  ])("none for %s (%s)", (q) => {
    expect(macNeedle(q)).toBeNull();
  });
});

describe("ipNeedle: a whole address or the start of one, as stored", () => {
  it.each([
    ["198.18.3.10", "198.18.3.10"],
    ["169.254.7.1", "169.254.7.1"],
    ["198.18.3.", "198.18.3."],
    ["198.18", "198.18"],
    ["198.", "198."],
  ])("%s -> %s", (q, want) => {
    expect(ipNeedle(q)).toBe(want);
  });

  it.each([
    ["198", "a bare number (part of a hostname or serial more often)"],
    ["198.18.3.256", "an octet over 255"],
    ["198.018.3.1", "a leading zero (no stored address has one)"],
    ["198.18.3.1.5", "five octets"],
    ["198..3", "an empty octet"],
    ["br-0042", "a hostname"],
  ])("none for %s (%s)", (q) => {
    expect(ipNeedle(q)).toBeNull();
  });
});

describe("searchLookups: which fields a query is looked for in", () => {
  it("a hostname is looked for as hostname, guest name and domain, and serial; case folded", () => {
    expect(searchLookups("BR-0042-H01")).toEqual([
      { field: "hostname", value: "br-0042-h01" },
      { field: "guestName", value: "br-0042-h01" },
      { field: "guestDomain", value: "br-0042-h01" },
      { field: "serial", value: "br-0042-h01" },
    ]);
  });

  it("a guest IP adds the guest IP, not the link-local address (it cannot be one)", () => {
    expect(fields("198.18.3.10")).toEqual(["hostname", "guestName", "guestDomain", "guestIp", "serial"]);
  });

  it("a link-local address, or its start, is looked for in both address fields", () => {
    expect(lookup("169.254.7.1", "linkLocalIp")).toBe("169.254.7.1");
    expect(lookup("169.2", "linkLocalIp")).toBe("169.2");
    expect(lookup("169.254.7.1", "guestIp")).toBe("169.254.7.1");
  });

  it("a MAC in a spelling no other field could hold is looked for as both MACs and as a name", () => {
    expect(searchLookups("5254.00aa.bbcc")).toEqual([
      { field: "hostname", value: "5254.00aa.bbcc" },
      { field: "guestName", value: "5254.00aa.bbcc" },
      { field: "guestDomain", value: "5254.00aa.bbcc" },
      { field: "guestMac", value: "52:54:00:aa:bb:cc" },
      { field: "nicMac", value: "52:54:00:aa:bb:cc" },
      { field: "serial", value: "5254.00aa.bbcc" },
    ]);
    expect(fields("52:54:00:AA:BB:CC")).toEqual(["guestName", "guestMac", "nicMac"]);
  });

  it("a serial is looked for in any case; a slash keeps it out of hostname and domain", () => {
    expect(searchLookups("sn/0042")).toEqual([
      { field: "guestName", value: "sn/0042" },
      { field: "serial", value: "sn/0042" },
    ]);
  });

  it("free text with spaces or non-ASCII letters is a guest name only; case folds ASCII only", () => {
    expect(searchLookups("Émilie PC")).toEqual([{ field: "guestName", value: "Émilie pc" }]);
    expect(foldCase("ÉMILIE")).toBe("Émilie");
  });

  it("every lookup names a known field, once", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (q) => {
        const seen = fields(q);
        expect(new Set(seen).size).toBe(seen.length);
        for (const f of seen) expect(SEARCH_FIELDS).toContain(f);
      }),
    );
  });
});

describe("prefixRange: exactly the strings that start with the prefix, in code-point order", () => {
  const inRange = (s: string, r: { lo: string; hi: string | null }) => s >= r.lo && (r.hi === null || s < r.hi);
  // JS compares UTF-16 units; code-point order differs only above U+FFFF, which the generator avoids here.
  const bmp = fc.string({ unit: fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCodePoint(c)) });

  it("holds for generated prefixes and strings", () => {
    fc.assert(
      fc.property(bmp, bmp, (prefix, s) => {
        const r = prefixRange(prefix);
        expect(inRange(s, r)).toBe(s.startsWith(prefix));
        expect(inRange(prefix + s, r)).toBe(true);
      }),
    );
  });

  it("steps over the surrogate block and past the last code point", () => {
    expect(prefixRange("a\ud7ff").hi).toBe("a\ue000");
    expect(prefixRange("ab").hi).toBe("ac");
    expect(prefixRange("a\u{10ffff}").hi).toBe("b");
    expect(prefixRange("\u{10ffff}").hi).toBeNull();
  });
});

describe("ranks: every exact match before every prefix match, then by field", () => {
  it("orders exact before prefix whatever the field, and round-trips", () => {
    for (const a of SEARCH_FIELDS) {
      for (const b of SEARCH_FIELDS) expect(matchRank(a, true)).toBeLessThan(matchRank(b, false));
      for (const exact of [true, false]) expect(rankMatch(matchRank(a, exact))).toEqual({ field: a, exact });
    }
    expect(matchRank("hostname", true)).toBeLessThan(matchRank("serial", true));
    expect(() => rankMatch(2 * SEARCH_FIELDS.length)).toThrow(RangeError);
  });
});

describe("ZHostSearchQuery: strict, q required and bounded", () => {
  const problems = (input: Record<string, string>) => {
    const r = ZHostSearchQuery.safeParse(input);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join(".") || i.code}: ${i.message}`);
  };

  it("defaults page 1 of 20, trims q", () => {
    expect(ZHostSearchQuery.parse({ q: " br-0042 " })).toEqual({ q: "br-0042", page: 1, pageSize: 20 });
    expect(ZHostSearchQuery.parse({ q: "x", page: "3", pageSize: "100" })).toEqual({ q: "x", page: 3, pageSize: 100 });
  });

  it.each([
    [{}, "q: is required"],
    [{ q: "" }, "q: must not be empty"],
    [{ q: "   " }, "q: must not be empty"],
    [{ q: "x".repeat(101) }, "q: must be at most 100 characters"],
    [{ q: "a\u202eb" }, "q: must not contain U+202E"],
    [{ q: "x", page: "0" }, "page:"],
    [{ q: "x", pageSize: "101" }, "pageSize:"],
    [{ q: "x", pageSize: "ten" }, "pageSize:"],
    [{ q: "x", qq: "y" }, "unknown query parameter; the host search takes q, page, pageSize"],
  ])("refuses %j, naming the parameter", (input, want) => {
    expect(problems(input)?.join("; ")).toContain(want);
  });
});
