import { describe, expect, it } from "vitest";
import { hasAnsweredArp, needsRefresh, parseNeighbours } from "./parse-neighbours";

describe("parseNeighbours reads `ip -4 neigh show dev <lan>`", () => {
  it("reads address, MAC and state; the last word is the state, flags in between are skipped", () => {
    const text = [
      "169.254.1.10 lladdr 02:bd:00:01:0a:01 REACHABLE",
      "169.254.1.11 lladdr 02:BD:00:01:0B:01 router STALE",
      "169.254.1.12 lladdr 02:bd:00:01:0c:01 extern_learn DELAY",
      "169.254.1.13 lladdr 02:bd:00:01:0d:01 STALE PROBE",
      "169.254.1.99  FAILED",
      "169.254.1.98  INCOMPLETE",
      "198.51.100.10 dev lan0 lladdr 52:54:00:00:01:0a PERMANENT",
      "",
    ].join("\n");
    expect(parseNeighbours(text)).toEqual({
      neighbours: [
        { ip: "169.254.1.10", mac: "02:bd:00:01:0a:01", state: "REACHABLE" },
        { ip: "169.254.1.11", mac: "02:bd:00:01:0b:01", state: "STALE" },
        { ip: "169.254.1.12", mac: "02:bd:00:01:0c:01", state: "DELAY" },
        { ip: "169.254.1.13", mac: "02:bd:00:01:0d:01", state: "PROBE" },
        { ip: "169.254.1.99", mac: null, state: "FAILED" },
        { ip: "169.254.1.98", mac: null, state: "INCOMPLETE" },
        { ip: "198.51.100.10", mac: "52:54:00:00:01:0a", state: "PERMANENT" },
      ],
      rejected: [],
    });
  });

  it.each([
    ["an IPv6 row", "fe80::1 lladdr 02:bd:00:01:0a:01 REACHABLE"],
    ["an unknown state", "169.254.1.10 lladdr 02:bd:00:01:0a:01 WOBBLY"],
    ["a MAC that is not one", "169.254.1.10 lladdr 02:bd:zz:01:0a:01 REACHABLE"],
    ["a multicast MAC (never a box's)", "169.254.1.10 lladdr 01:00:5e:00:00:01 REACHABLE"],
    ["an error message", 'Device "lan9" does not exist.'],
  ])("rejects %s, keeping the line to report it", (_what, line) => {
    expect(parseNeighbours(`${line}\n`)).toEqual({ neighbours: [], rejected: [line] });
  });
});

describe("hasAnsweredArp: only states in which a MAC answered", () => {
  it.each([
    ["REACHABLE", true],
    ["STALE", true],
    ["DELAY", true],
    ["PROBE", true],
    ["PERMANENT", false],
    ["NOARP", false],
    ["FAILED", false],
    ["INCOMPLETE", false],
  ] as const)("%s -> %s", (state, answered) => {
    expect(hasAnsweredArp({ ip: "169.254.1.10" as never, mac: "02:bd:00:01:0a:01" as never, state })).toBe(answered);
  });
});

describe("needsRefresh: learnt entries that are no longer fresh, never hand-made ones", () => {
  it.each([
    ["STALE", true],
    ["DELAY", true],
    ["PROBE", true],
    ["FAILED", true],
    ["REACHABLE", false],
    ["INCOMPLETE", false],
    ["PERMANENT", false],
    ["NOARP", false],
  ] as const)("%s -> %s", (state, refresh) => {
    expect(needsRefresh({ ip: "169.254.1.10" as never, mac: "02:bd:00:01:0a:01" as never, state })).toBe(refresh);
  });
});
