/** For each rule of a table (same order as table.rules): the earlier rule that provably takes all its packets. */
import type { NatTable, RuleRef } from "./nat-audit-types";

export function findShadowing(table: NatTable): (RuleRef | null)[] {
  void table;
  throw new Error("findShadowing: not implemented yet");
}
