import { describe, expect, it } from "vitest";
import { inFluxReason, rolloutOfToken, rolloutToken, secondsToWait } from "./pending-change";

const alive = (secondsLeft: number) => ({ token: "r12-0a1b2c3d4e5f", secondsLeft, timerAlive: true });

describe("an unconfirmed change on a box", () => {
  it("is described with its token, the rollout that made it and the seconds its dead-man has left", () => {
    expect(inFluxReason(alive(27))).toBe(
      "has an unconfirmed change (token r12-0a1b2c3d4e5f, from rollout #12;" +
        " its dead-man timer rolls it back in 27 s unless it is confirmed): wait for that, then retry",
    );
  });

  it("whose timer died is said to need a hand on the box: nothing will roll it back by itself", () => {
    expect(inFluxReason({ token: "t1", secondsLeft: 0, timerAlive: false })).toBe(
      "has an unconfirmed change (token t1) and its dead-man timer is not running, so nothing rolls it back" +
        " by itself: on the box run `sh /etc/branchdesk/rules.t1/branchdesk-agent.sh rollback t1`, then retry",
    );
  });

  it.each([
    ["resolves within the budget: wait until just after its deadline", alive(27), 0, 35, 29],
    ["about to resolve (or resolved while read): a short wait", alive(0), 0, 35, 2],
    ["more than the budget has left", alive(27), 10, 35, null],
    ["the budget is zero: refuse at once", alive(1), 0, 0, null],
    ["its timer died: waiting cannot help", { token: "t1", secondsLeft: 5, timerAlive: false }, 0, 35, null],
  ])("is waited for only when it will resolve in time: %s", (_, p, waited, budget, expected) => {
    expect(secondsToWait(p, waited, budget)).toBe(expected);
  });

  it("tokens name their rollout; a token from elsewhere names none", () => {
    expect(rolloutToken(12, "0a1b2c3d4e5f")).toBe("r12-0a1b2c3d4e5f");
    expect(rolloutOfToken("r12-0a1b2c3d4e5f")).toBe(12);
    expect(rolloutOfToken("manual-1")).toBeNull();
  });
});
