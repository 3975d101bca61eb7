import type { RolloutOptionsInput } from "./rollout-options-fields";
import type { StartRolloutBody } from "./rollout-responses";

/**
 * The options as the API takes them. Blank means the API's default; a whole
 * number goes as a number; anything else goes as typed, so the API refuses it
 * with a message naming the field rather than the browser guessing.
 */
export function rolloutOptionsBody(
  v: RolloutOptionsInput,
): Pick<StartRolloutBody, "concurrency" | "canary" | "failureBudget"> {
  const num = (raw: string): number | undefined => {
    const text = raw.trim();
    if (text === "") return undefined;
    return /^\d+$/.test(text) ? Number(text) : (text as unknown as number);
  };
  return { concurrency: num(v.concurrency), failureBudget: num(v.failureBudget), canary: v.canary };
}
