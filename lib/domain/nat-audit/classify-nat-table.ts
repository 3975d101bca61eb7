/** Every rule of a nat table explained against what Branchdesk expects there. */
import type { NatExpectation, NatTable, RuleFinding } from "./nat-audit-types";

export function classifyNatTable(table: NatTable, expected: NatExpectation): RuleFinding[] {
  void table;
  void expected;
  throw new Error("classifyNatTable: not implemented yet");
}
