/**
 * NAT audit (issue 13), pure: parse any nat table, explain every rule, find
 * shadowing by evaluation, trace a packet, diff two audits. See README.md.
 */
export type * from "./nat-audit-types";
export { parseNatTable } from "./parse-nat-table";
export { parseEbtablesNat } from "./parse-ebtables-nat";
export { rulesEquivalent } from "./rules-equivalent";
export { modelNatRule } from "./model-nat-rule";
export { findShadowing } from "./find-shadowing";
export { classifyNatTable } from "./classify-nat-table";
export { traceNat } from "./trace-nat";
export { diffAudits } from "./diff-audits";
export { planAdoption, type AdoptionPlan, type AdoptionRemoval } from "./plan-adoption";
export { parseAdoptLine, withoutCounters, type AdoptLine } from "./adopt-line";
