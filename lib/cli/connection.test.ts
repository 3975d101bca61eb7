import { describe, expect, it } from "vitest";
import { chooseConnection, plainHttpWarning, type ConnectionInput } from "./connection";

const input = (over: Partial<ConnectionInput>): ConnectionInput => ({
  env: {},
  readFile: (p) => {
    if (p === "/run/token") return "bdt_abc_def\n";
    throw Object.assign(new Error("no"), { code: "ENOENT" });
  },
  ...over,
});
const problem = (over: Partial<ConnectionInput>) => {
  try {
    chooseConnection(input(over));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe("chooseConnection", () => {
  it("no URL and no token: in-process", () => {
    expect(chooseConnection(input({}))).toEqual({ mode: "local" });
  });

  it("--url wins over BRANCHDESK_URL; a token file's newline is dropped; a path prefix is kept", () => {
    const c = chooseConnection(
      input({
        url: "https://bd.example.net/desk",
        env: { BRANCHDESK_URL: "https://other", BRANCHDESK_TOKEN_FILE: "/run/token" },
      }),
    );
    expect(c.mode === "http" && [c.connection.url.href, c.connection.token]).toEqual([
      "https://bd.example.net/desk/",
      "bdt_abc_def",
    ]);
  });

  it.each([
    [
      { env: { BRANCHDESK_URL: "https://bd.example.net" } },
      /^no token for https:\/\/bd.example.net: set BRANCHDESK_TOKEN/,
    ],
    [{ env: { BRANCHDESK_TOKEN: "bdt_x" } }, /^a token is set but no dashboard: give --url or set BRANCHDESK_URL$/],
    [{ url: "bd.example.net", env: { BRANCHDESK_TOKEN: "bdt_x" } }, /^--url: "bd.example.net" is not a URL/],
    [{ url: "ftp://bd", env: { BRANCHDESK_TOKEN: "bdt_x" } }, /must start with https:\/\/ or http:\/\//],
    [{ url: "https://u:p@bd", env: { BRANCHDESK_TOKEN: "bdt_x" } }, /put no user or password in the URL/],
    [{ url: "https://bd", tokenFile: "/nope" }, /^--token-file: cannot read \/nope \(ENOENT\)$/],
    [{ url: "https://bd", env: { BRANCHDESK_TOKEN: "bdt_x y" } }, /must hold the token alone/],
  ])("%j is a usage error", (over, message) => {
    expect(problem(over)).toMatch(message);
  });
});

describe("plainHttpWarning", () => {
  it.each([
    ["http://127.0.0.1:3000/", false],
    ["http://localhost/", false],
    ["https://bd.example.net/", false],
    ["http://bd.example.net/", true],
  ])("%s warns: %s", (url, warns) => expect(plainHttpWarning(new URL(url)) !== null).toBe(warns));
});
