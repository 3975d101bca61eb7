/** Equivalence of two nat rules: same packets matched, same action; chain, comment, counters ignored. */
import type { NatRule } from "./nat-audit-types";

export function rulesEquivalent(a: NatRule, b: NatRule): boolean {
  return a.canon === b.canon;
}
