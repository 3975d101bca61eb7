import { describe, expect, it } from "vitest";
import { ZCreateApiTokenInput, tokenInputProblems } from "./token-input";

const parse = (v: unknown) => ZCreateApiTokenInput.safeParse(v);

describe("create-token input", () => {
  it("defaults to no CIDRs, personal, no expiry", () => {
    expect(parse({ name: " ci ", role: "viewer" })).toMatchObject({
      success: true,
      data: { name: "ci", role: "viewer", allowedCidrs: [], service: false },
    });
  });

  it.each([
    [{ name: "", role: "viewer" }, "name"],
    [{ name: "a\u202eb", role: "viewer" }, "name"],
    [{ name: "ci", role: "root" }, "role"],
    [{ name: "ci", role: "viewer", expiresInDays: 0 }, "expiresInDays"],
    [{ name: "ci", role: "viewer", expiresInDays: 1.5 }, "expiresInDays"],
    [{ name: "ci", role: "viewer", owner: 3 }, ""],
  ])("refuses %j (field %s)", (input, field) => {
    const r = parse(input);
    expect(r.success).toBe(false);
    if (!r.success && field) expect(r.error.issues.map((i) => i.path.join("."))).toContain(field);
  });
});

describe("what the creator may ask for", () => {
  const base = { role: "viewer" as const, service: false, allowedCidrs: [] };
  it.each([
    [{ ...base, role: "operator" as const }, { role: "viewer", hasOwner: true }, ["role"]],
    [{ ...base, role: "admin" as const }, { role: "operator", hasOwner: true }, ["role"]],
    [{ ...base, role: "operator" as const }, { role: "operator", hasOwner: true }, []],
    [{ ...base, service: true }, { role: "operator", hasOwner: true }, ["service"]],
    [{ ...base, service: true }, { role: "admin", hasOwner: true }, []],
    [base, { role: "admin", hasOwner: false }, ["service"]],
    [{ ...base, allowedCidrs: ["nope"] }, { role: "viewer", hasOwner: true }, ["allowedCidrs"]],
  ] as const)("%j by %j -> problems with %j", (input, creator, fields) => {
    expect(Object.keys(tokenInputProblems(input, creator))).toEqual(fields);
  });
});
