import { describe, expect, it } from "vitest";
import { rolloutOptionsBody } from "./rollout-options-body";

describe("rolloutOptionsBody: options as typed become the API's input", () => {
  it.each([
    [
      { concurrency: "8", failureBudget: " 3 ", canary: true },
      { concurrency: 8, failureBudget: 3, canary: true },
    ],
    // Blank: left to the API's default.
    [
      { concurrency: "", failureBudget: "  ", canary: false },
      { concurrency: undefined, failureBudget: undefined, canary: false },
    ],
    // Not a whole number: sent as typed, so the API's refusal names the field.
    [
      { concurrency: "eight", failureBudget: "-1", canary: false },
      { concurrency: "eight", failureBudget: "-1", canary: false },
    ],
  ])("%j -> %j", (input, body) => {
    expect(rolloutOptionsBody(input)).toEqual(body);
  });
});
