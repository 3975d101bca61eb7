import { describe, expect, it } from "vitest";
import { parsePort, SSH_PORT } from "./port";

describe("parsePort", () => {
  it.each([
    [22, 22],
    ["22", 22],
    [1, 1],
    [65535, 65535],
    ["2222", 2222],
  ])("accepts %j as %d", (input, want) => {
    expect(parsePort(input)).toEqual({ ok: true, value: want });
  });

  it.each([[0], [65536], [-1], [22.5], ["22;reboot"], ["$(id)"], [" 22"], ["22\n"], ["ssh"], [null], [NaN]])(
    "refuses %j",
    (input) => {
      expect(parsePort(input).ok).toBe(false);
    },
  );

  it("SSH_PORT is 22", () => {
    expect(SSH_PORT).toBe(22);
  });
});
