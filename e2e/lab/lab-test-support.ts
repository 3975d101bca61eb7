/**
 * For Playwright specs that need the branch lab (Vitest's root tier is
 * skipped as a whole by vitest.config.mts). Without root the spec is skipped
 * and this prints, loudly, what did not run and why; with CI set it runs, and
 * fails at Lab.up ("the branch lab needs root"), because CI runs as root and
 * must run everything.
 *
 *   test.skip(skipLab("e2e/rollout.spec.ts: rollout of a lab branch"), "needs root: see the banner")
 */
import { banner, isCi, rootUnavailable } from "@/lib/testing/tiers";

export function skipLab(what: string): boolean {
  const why = rootUnavailable();
  if (!why || isCi()) return false;
  console.warn(banner([`NOT RUN: ${what}`, `why: ${why}`, "to run it: as root (sudo npm test); CI runs as root"]));
  return true;
}
