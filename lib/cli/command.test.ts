import { describe, expect, it } from "vitest";
import { parseCommand, wantsHelp, type CommandSpec } from "./command";
import { UsageError } from "./exit-codes";

const spec: CommandSpec = {
  name: "demo",
  summary: "s",
  description: "d",
  args: [{ name: "ID", help: "an id" }],
  json: true,
  options: {
    branch: { type: "string", multiple: true, help: "b" },
    "dry-run": { type: "boolean", help: "d" },
    follow: { type: "boolean", short: "f", help: "f" },
  },
  run: async () => 0,
};

const problem = (argv: string[]) => {
  try {
    parseCommand(spec, argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  return null;
};

describe("parseCommand", () => {
  it("reads options, repeated options, short flags and the argument", () => {
    expect(parseCommand(spec, ["12", "--branch", "a", "--branch=b", "-f", "--json"])).toEqual({
      args: ["12"],
      values: { branch: ["a", "b"], follow: true, json: true },
    });
  });

  it.each([
    [["12", "--bogus"], "unknown option --bogus"],
    [["12", "-x"], "unknown option -x"],
    [["12", "--branch"], "--branch needs a value"],
    [["12", "--branch="], "--branch needs a value"],
    [["12", "--dry-run=yes"], "--dry-run takes no value"],
    [[], "missing ID"],
    [["12", "13"], 'unexpected argument "13"'],
  ])("%j is one line: %s", (argv, message) => {
    expect(problem(argv)).toBe(message);
  });

  it("takes the global options on every command", () => {
    expect(parseCommand(spec, ["1", "--url", "https://bd.example", "--token-file", "/t"]).values).toEqual({
      url: "https://bd.example",
      "token-file": "/t",
    });
  });

  it("a word after -- is an argument even if it looks like an option", () => {
    expect(parseCommand(spec, ["--", "--12"]).args).toEqual(["--12"]);
  });
});

describe("wantsHelp", () => {
  it.each([
    [["--help"], true],
    [["x", "-h"], true],
    [["--bogus", "--help"], true],
    [["--", "--help"], false],
    [["x"], false],
  ])("%j -> %s", (argv, wanted) => expect(wantsHelp(argv)).toBe(wanted));
});
