import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

// What a browser would do with the answer: resolve it against our own origin.
const ORIGIN = "https://branchdesk.example";
const landsOn = (next: string) => new URL(safeNextPath(next), ORIGIN);

describe("safeNextPath: only paths of this dashboard survive", () => {
  it.each([
    ["/", "/"],
    ["/branches/new", "/branches/new"],
    ["/branches/BR-0042?tab=hosts", "/branches/BR-0042?tab=hosts"],
    ["/audit?actor=admin&action=host.", "/audit?actor=admin&action=host."],
    ["/hosts/17#guest", "/hosts/17#guest"],
    ["/audit?actor=a%20b", "/audit?actor=a%20b"],
  ])("keeps the dashboard path %j", (next, kept) => {
    expect(safeNextPath(next)).toBe(kept);
  });

  it.each([
    ["empty", ""],
    ["protocol-relative", "//evil.example/"],
    ["protocol-relative with a path", "//evil.example/branches"],
    ["tab between the slashes (browsers drop it)", "/\t/evil.example"],
    ["newline between the slashes", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["a newline anywhere (header injection, was a 500 when signed in)", "/branches\nSet-Cookie: x=1"],
    ["NUL", "/branches\u0000"],
    ["DEL", "/branches\u007f"],
    ["backslash after the slash", "/\\evil.example"],
    ["backslashes only", "\\\\evil.example"],
    ["backslash inside the path", "/branches\\..\\..\\evil"],
    ["encoded slash", "/%2f/evil.example"],
    ["encoded slash, upper case", "/%2F%2Fevil.example"],
    ["encoded backslash", "/%5cevil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["encoded newline", "/%0a/evil.example"],
    ["triple slash", "///evil.example"],
    ["javascript: URL", "javascript:alert(1)"],
    ["javascript: behind a slash-less space", " javascript:alert(1)"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["absolute http URL", "http://evil.example/"],
    ["absolute https URL", "https://evil.example/branches"],
    ["scheme-relative with credentials", "//user@evil.example"],
    ["leading space", " /branches"],
    ["relative path", "branches"],
    ["dot segments that the URL parser rewrites", "/a/../../evil"],
    ["non-ASCII that the URL parser re-encodes", "/bränch"],
    ["the login page itself (a loop)", "/login"],
    ["the login page with its own next", "/login?next=//evil.example"],
  ])("refuses %s", (_what, next) => {
    expect(safeNextPath(next)).toBe("/");
    expect(landsOn(next).origin).toBe(ORIGIN);
  });

  it("takes the first value of a repeated parameter, and nothing from none", () => {
    expect(safeNextPath(["/hosts", "//evil.example"])).toBe("/hosts");
    expect(safeNextPath(["//evil.example", "/hosts"])).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath([])).toBe("/");
  });

  it("keeps paths that merely start like the login page", () => {
    expect(safeNextPath("/login-help")).toBe("/login-help");
  });
});
