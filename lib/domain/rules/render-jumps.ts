/**
 * The jumps an apply agent must keep at exactly one copy each, one per line:
 *   <tool> <table> <built-in chain> <owned chain>
 *   ebtables nat PREROUTING BRANCHDESK-ARP
 *   iptables nat PREROUTING BRANCHDESK-PRE
 * Read with `while read -r tool table from chain`; see README.md for the
 * count / insert / delete commands. Sorted, no timestamps.
 */
import { cmp } from "./normal-rule";
import type { RuleSet } from "./rule";

export function renderJumps(rs: RuleSet): string {
  const lines = rs.jumps.map((j) => `${j.tool} ${j.table} ${j.from} ${j.chain}`).sort(cmp);
  return lines.length ? lines.join("\n") + "\n" : "";
}
