/**
 * For test files that need the branch lab. The lab needs root; without it the
 * tests FAIL (Lab.up throws "the branch lab needs root ..."). The only way to
 * skip them is BRANCHDESK_SKIP_LAB=1, and then this prints, loudly, what did
 * not run. CI never sets it.
 *
 *   describe.skipIf(skipLab("rollout against real branches"))("rollout", () => { ... })
 */
export function skipLab(what: string): boolean {
  if (process.env.BRANCHDESK_SKIP_LAB !== "1") return false;
  const line = "!".repeat(78);
  console.warn(`\n${line}\n!! BRANCHDESK_SKIP_LAB=1: NOT RUN: ${what}\n!! These tests need root and the branch lab; skipped tests prove nothing.\n${line}\n`);
  return true;
}
