import { describe, expect, it } from "vitest";
import { afterReservation, CLIENT_THROTTLE, delayAfter, formatWait, USER_THROTTLE, waitMs } from "./sign-in-throttle";

const T0 = new Date("2026-11-20T09:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describe("sign-in throttle rules", () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 2],
    [6, 4],
    [9, 32],
    [13, 512],
    [14, 900],
    [1000, 900],
  ])("a username with %i failures in a row waits %i s", (failures, seconds) => {
    expect(delayAfter(failures, USER_THROTTLE)).toBe(seconds * 1000);
  });

  it("an address gets 20 failures before its first wait", () => {
    expect(delayAfter(19, CLIENT_THROTTLE)).toBe(0);
    expect(delayAfter(20, CLIENT_THROTTLE)).toBe(2000);
  });

  it("a check counts as a failure the moment it is let through, and the count restarts after a quiet period", () => {
    const fifth = afterReservation({ failures: 4, lastAt: T0, nextAt: T0 }, USER_THROTTLE, T0);
    expect(fifth).toEqual({ failures: 5, lastAt: T0, nextAt: at(2) });
    expect(waitMs(fifth, USER_THROTTLE, at(0.5))).toBe(1500);
    const dayLater = at(86_400);
    const restarted = { failures: 1, lastAt: dayLater, nextAt: dayLater };
    expect(afterReservation(fifth, USER_THROTTLE, dayLater)).toEqual(restarted);
    expect(waitMs({ failures: 30, lastAt: T0, nextAt: at(900) }, CLIENT_THROTTLE, at(3600))).toBe(0);
  });

  it("nothing waits within the free failures, even for a request that took its time before a later one's", () => {
    expect(waitMs({ failures: 4, lastAt: at(0.003), nextAt: at(0.003) }, USER_THROTTLE, T0)).toBe(0);
    expect(waitMs({ failures: 19, lastAt: at(0.003), nextAt: at(0.003) }, CLIENT_THROTTLE, T0)).toBe(0);
  });

  const WAITS: Array<[number, string]> = [
    [1, "1 s"],
    [999, "1 s"],
    [32_000, "32 s"],
    [59_001, "1 min"],
    [256_000, "4 min 16 s"],
    [900_000, "15 min"],
  ];
  it.each(WAITS)("%i ms reads as %s (rounded up: waiting that long is enough)", (ms, text) =>
    expect(formatWait(ms)).toBe(text),
  );
});
