import { createHash } from "node:crypto";
import {
  classifyNatTable,
  parseEbtablesNat,
  parseNatTable,
  type InventoryAddress,
  type NatTable,
  type RuleFinding,
} from "@/lib/domain/nat-audit";
import { err, ok, type Result } from "@/lib/domain/result";
import { ruleChain, ruleTool, type RuleSet } from "@/lib/domain/rules/rule";
import { ruleLine } from "@/lib/domain/rules/rule-args";
import type { NatRead } from "./nat-read-script";
import type { NatAuditRule, NatDrift } from "./nat-audit-views";

export type PreviousAudit = { at: Date; uptimeSeconds: number | null; rules: NatAuditRule[] };

export type Analysis = {
  rules: NatAuditRule[];
  counts: Record<string, number>;
  /** Every change since `previous` (drift before rollouts are taken into account). */
  changes: NatDrift[];
};

/** sha256 (hex) of exactly what the box printed: the iptables text, then the ebtables text. */
export function natDigest(read: Pick<NatRead, "iptables" | "ebtables">): string {
  return createHash("sha256")
    .update(read.iptables)
    .update(read.ebtables?.text ?? "")
    .digest("hex");
}

/**
 * One box's read explained: both nat tables parsed and classified against the rules
 * Branchdesk renders for the box (lib/domain/nat-audit), each rule with its counters, the
 * delta since the previous audit of the box (none across a reboot: counters restart), when
 * the rule was first seen, and what changed since. Rules are matched across audits by chain,
 * canonical form and occurrence, so a comment or a counter never makes a rule "new".
 */
export function analyseNatRead(input: {
  read: NatRead;
  role: "gateway" | "host";
  desired: RuleSet | null;
  inventory: readonly InventoryAddress[];
  previous: PreviousAudit | null;
  at: Date;
}): Result<Analysis> {
  const { read, previous, at } = input;
  const tables: { table: "iptables" | "ebtables"; parsed: Result<NatTable> }[] = [
    { table: "iptables", parsed: parseNatTable(read.iptables) },
  ];
  if (input.role === "host" && read.ebtables)
    tables.push({ table: "ebtables", parsed: parseEbtablesNat(read.ebtables.text) });
  const rules: NatAuditRule[] = [];
  for (const { table, parsed } of tables) {
    if (!parsed.ok) return err(`the ${table} nat table could not be parsed: ${parsed.error}`);
    const expectedRules = (input.desired?.rules ?? []).filter((r) => ruleTool(r) === table);
    let findings: RuleFinding[];
    try {
      findings = classifyNatTable(parsed.value, { role: input.role, expectedRules, inventory: input.inventory });
    } catch (e) {
      return err(`the ${table} nat table could not be classified: ${(e as Error).message}`);
    }
    rules.push(...toRows(table, findings));
  }
  const rebooted = previous !== null && bootMoved(previous, read.uptimeSeconds, at);
  const before = new Map((previous?.rules ?? []).map((r) => [r.key, r]));
  for (const r of rules) {
    const old = before.get(r.key);
    r.firstSeen = old?.firstSeen ?? (r.class === "missing" ? null : at.toISOString());
    if (!old || rebooted || r.packets === null || old.packets === null || r.packets < old.packets) continue;
    r.deltaPackets = r.packets - old.packets;
    r.deltaBytes = r.bytes !== null && old.bytes !== null && r.bytes >= old.bytes ? r.bytes - old.bytes : null;
  }
  return ok({ rules, counts: countClasses(rules), changes: previous ? changesSince(previous.rules, rules, at) : [] });
}

/** The box booted again between the two audits (its boot time moved by more than a minute). */
function bootMoved(previous: PreviousAudit, uptime: number | null, at: Date): boolean {
  if (previous.uptimeSeconds === null || uptime === null) return false;
  const bootBefore = previous.at.getTime() / 1000 - previous.uptimeSeconds;
  return Math.abs(at.getTime() / 1000 - uptime - bootBefore) > 60;
}

function toRows(table: "iptables" | "ebtables", findings: readonly RuleFinding[]): NatAuditRule[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const shadowed = f.class === "shadowed" || f.shadowedBy !== null;
    const base = {
      table,
      class: f.class,
      owner: f.owner,
      shadowed,
      shadowedBy: f.shadowedBy?.text ?? null,
      duplicateOf: f.duplicateOf?.text ?? null,
      reason: f.reason,
      deltaPackets: null,
      deltaBytes: null,
      firstSeen: null,
    };
    if (!f.rule) {
      const { chain, text } = missingLine(f);
      return {
        ...base,
        chain,
        index: null,
        line: null,
        text,
        packets: null,
        bytes: null,
        neverHit: false,
        key: `${table} missing ${text}`,
      };
    }
    const id = `${table} ${f.rule.chain} ${f.rule.canon}`;
    const occurrence = (seen.get(id) ?? 0) + 1;
    seen.set(id, occurrence);
    const c = f.rule.counters;
    return {
      ...base,
      chain: f.rule.chain,
      index: f.rule.index,
      line: f.rule.line,
      text: f.rule.text,
      packets: c?.packets ?? null,
      bytes: c?.bytes ?? null,
      neverHit: c !== null && c.packets === 0,
      key: `${id} #${occurrence}`,
    };
  });
}

/** What a missing finding asks for: the Branchdesk rule as rendered, or the plain jump it lacks. */
export function missingLine(f: Pick<RuleFinding, "expected" | "jump" | "reason">): { chain: string; text: string } {
  if (f.expected) return { chain: ruleChain(f.expected), text: ruleLine(f.expected) };
  if (f.jump) return { chain: f.jump.from, text: `-A ${f.jump.from} -j ${f.jump.chain}` };
  return { chain: "", text: f.reason };
}

/** Rules per class; `shadowed` counts every rule that can never fire, whatever its class. */
export function countClasses(rules: readonly NatAuditRule[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rules) {
    if (r.class !== "shadowed") counts[r.class] = (counts[r.class] ?? 0) + 1;
    if (r.shadowed) counts.shadowed = (counts.shadowed ?? 0) + 1;
  }
  return counts;
}

/** Rules that appeared, went or were reprinted between two audits of one box (missing rows are not on the box). */
export function changesSince(older: readonly NatAuditRule[], newer: readonly NatAuditRule[], at: Date): NatDrift[] {
  const present = (rs: readonly NatAuditRule[]) => new Map(rs.filter((r) => r.index !== null).map((r) => [r.key, r]));
  const a = present(older);
  const b = present(newer);
  const when = at.toISOString();
  const out: NatDrift[] = [];
  for (const [key, r] of b) {
    const old = a.get(key);
    if (!old) out.push({ change: "added", table: r.table, chain: r.chain, text: r.text, firstSeen: when });
    else if (stripCounters(old.text) !== stripCounters(r.text)) {
      out.push({ change: "changed", table: r.table, chain: r.chain, text: r.text, firstSeen: when });
    }
  }
  for (const [key, r] of a) {
    if (!b.has(key)) out.push({ change: "removed", table: r.table, chain: r.chain, text: r.text, firstSeen: when });
  }
  return out;
}

/** A rule's printed text without its counters ("[12:720] -A ..." or ebtables' "-c 12 720"). */
export function stripCounters(text: string): string {
  return text
    .replace(/^\[\d+:\d+\]\s*/, "")
    .replace(/\s+-c \d+ \d+\s*$/, "")
    .replace(/\s*,\s*pcnt = \d+ -- bcnt = \d+\s*$/, "");
}
