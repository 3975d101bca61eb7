import { describe, expect, it } from "vitest";
import { effectiveRole, formatApiToken, parseApiToken, parseAuthorization, shouldRecordUse } from "./api-token";

const ID = "AbC123xyz789";
const SECRET = "s".repeat(20) + "0123456789ABCDEFGHIJKLM";
const TOKEN = formatApiToken({ lookupId: ID, secret: SECRET });

describe("API token text", () => {
  it("formats as bdt_<id>_<secret> and parses back", () => {
    expect(TOKEN).toBe(`bdt_${ID}_${SECRET}`);
    expect(parseApiToken(TOKEN)).toEqual({ ok: true, value: { lookupId: ID, secret: SECRET } });
  });

  it.each([
    [TOKEN.slice(0, -1), /malformed/],
    [`${TOKEN}x`, /malformed/],
    [TOKEN.replace("_s", "-s"), /malformed/],
    [`ghp_${SECRET}`, /not a Branchdesk API token/],
    ["", /not a Branchdesk API token/],
  ])("refuses %j without repeating it", (text, message) => {
    const r = parseApiToken(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).not.toContain(SECRET.slice(0, 20));
    }
  });

  it.each([
    [null, null],
    [`Bearer ${TOKEN}`, true],
    [`bearer  ${TOKEN} `, true],
    [`Basic ${TOKEN}`, false],
    ["Bearer", false],
    [`Bearer ${TOKEN} extra`, false],
  ])("reads the Authorization header %j", (header, accepted) => {
    const r = parseAuthorization(header);
    expect(r === null ? null : r.ok).toBe(accepted);
  });
});

describe("effective role: the lower of the token's and its owner's", () => {
  it.each([
    ["admin", "viewer", "viewer"],
    ["viewer", "admin", "viewer"],
    ["operator", "admin", "operator"],
    ["admin", "operator", "operator"],
    ["admin", null, "admin"],
  ] as const)("token %s, owner %s -> %s", (token, owner, expected) => {
    expect(effectiveRole(token, owner)).toBe(expected);
  });
});

describe("last use is written at most once a minute per token, or on a new address", () => {
  const t0 = new Date("2026-11-20T09:00:00Z");
  const plus = (s: number) => new Date(t0.getTime() + s * 1000);
  it.each([
    [{ lastUsedAt: null, lastClientAddress: null }, "192.0.2.1", plus(0), true],
    [{ lastUsedAt: t0, lastClientAddress: "192.0.2.1" }, "192.0.2.1", plus(59), false],
    [{ lastUsedAt: t0, lastClientAddress: "192.0.2.1" }, "192.0.2.1", plus(60), true],
    [{ lastUsedAt: t0, lastClientAddress: "192.0.2.1" }, "192.0.2.2", plus(1), true],
  ])("%j from %s at %s -> %s", (last, client, now, expected) => {
    expect(shouldRecordUse(last, client, now)).toBe(expected);
  });
});
