/**
 * Two audits (snapshots) of one box's nat table compared. A rule's identity
 * is its chain, its canon (so a re-printed `--to` or `/32` is not a change)
 * and its occurrence (the 2nd copy of a duplicate is its own rule): a rule
 * whose identity is in only one snapshot is added or removed; one in both
 * whose printed line differs, or whose place among the rules both snapshots
 * share moved, is changed. Counters give deltas; counters that went down
 * (reboot, `iptables -Z`) give no delta rather than a negative one.
 */
import type { CounterDelta, NatAuditDiff, NatRule, NatTable, RuleIdentity } from "./nat-audit-types";

function key(id: RuleIdentity): string {
  return `${id.chain}\0${id.canon}\0${id.occurrence}`;
}

export function identities(table: NatTable): Map<string, { id: RuleIdentity; rule: NatRule }> {
  const seen = new Map<string, number>();
  const out = new Map<string, { id: RuleIdentity; rule: NatRule }>();
  for (const rule of table.rules) {
    const base = `${rule.chain}\0${rule.canon}`;
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    const id = { chain: rule.chain, canon: rule.canon, occurrence };
    out.set(key(id), { id, rule });
  }
  return out;
}

/** Position of each shared rule among the shared rules of its chain. */
function sharedRanks(table: NatTable, ids: Map<string, { id: RuleIdentity; rule: NatRule }>, shared: Set<string>) {
  const rank = new Map<string, number>();
  const perChain = new Map<string, number>();
  const byRule = new Map([...ids].map(([k, v]) => [v.rule, k]));
  for (const r of table.rules) {
    const k = byRule.get(r)!;
    if (!shared.has(k)) continue;
    const n = (perChain.get(r.chain) ?? 0) + 1;
    perChain.set(r.chain, n);
    rank.set(k, n);
  }
  return rank;
}

function delta(id: RuleIdentity, older: NatRule, newer: NatRule): CounterDelta {
  const [o, n] = [older.counters, newer.counters];
  const valid = o !== null && n !== null && n.packets >= o.packets && n.bytes >= o.bytes;
  return {
    identity: id,
    older: o,
    newer: n,
    packets: valid ? n.packets - o.packets : null,
    bytes: valid ? n.bytes - o.bytes : null,
  };
}

export function diffAudits(older: NatTable, newer: NatTable): NatAuditDiff {
  const a = identities(older);
  const b = identities(newer);
  const shared = new Set([...a.keys()].filter((k) => b.has(k)));
  const [rankA, rankB] = [sharedRanks(older, a, shared), sharedRanks(newer, b, shared)];
  const diff: NatAuditDiff = { added: [], removed: [], changed: [], counters: [], policies: [], drift: false };
  for (const [k, v] of a) if (!b.has(k)) diff.removed.push(v.rule);
  for (const [k, v] of b) if (!a.has(k)) diff.added.push(v.rule);
  for (const k of shared) {
    const [o, n] = [a.get(k)!, b.get(k)!];
    const what: ("text" | "position")[] = [];
    if (stripCounters(o.rule.text) !== stripCounters(n.rule.text)) what.push("text");
    if (rankA.get(k) !== rankB.get(k)) what.push("position");
    if (what.length > 0) diff.changed.push({ older: o.rule, newer: n.rule, what });
    diff.counters.push(delta(n.id, o.rule, n.rule));
  }
  const policyOf = (t: NatTable) => new Map(t.chains.map((c) => [c.name, c.policy]));
  const [pa, pb] = [policyOf(older), policyOf(newer)];
  for (const chain of new Set([...pa.keys(), ...pb.keys()])) {
    const [x, y] = [pa.get(chain) ?? null, pb.get(chain) ?? null];
    if (x !== y) diff.policies.push({ chain, older: x, newer: y });
  }
  diff.drift = diff.added.length + diff.removed.length + diff.changed.length + diff.policies.length > 0;
  return diff;
}

/** The printed line without its counters, which change on every audit. */
function stripCounters(text: string): string {
  return text
    .trim()
    .replace(/^\[\d+:\d+\]\s+/, "")
    .replace(/\s+-c\s+\d+\s+\d+\s*$/, "")
    .replace(/\s*,\s*pcnt\s*=\s*\d+\s*--\s*bcnt\s*=\s*\d+\s*$/, "")
    .replace(/^\d+\.?\s+/, "");
}
