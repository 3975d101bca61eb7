/** Two audits of one box compared: rules added, removed, changed, counter deltas. */
import type { NatAuditDiff, NatTable } from "./nat-audit-types";

export function diffAudits(older: NatTable, newer: NatTable): NatAuditDiff {
  void older;
  void newer;
  throw new Error("diffAudits: not implemented yet");
}
