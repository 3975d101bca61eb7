import { db, type Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { changesSince } from "./analyse-nat-read";
import { driftOnly, rolloutsBetween } from "./explain-by-rollouts";
import type { NatAuditDiffResponse, NatAuditRule } from "./nat-audit-views";
import { rulesOf, SUMMARY_SELECT, toNatAuditSummary } from "./to-nat-audit-view";

/**
 * Two audits compared, the older first whichever order they are given: rules added, removed
 * and reprinted (matched by chain, canonical form and occurrence, counters aside), chain
 * policies, the Branchdesk rollouts that worked on the box in between, and the drift: changes
 * none of them explains.
 */
export async function diffNatAudits(a: number, b: number, client: Db = db()): Promise<NatAuditDiffResponse> {
  const select = { ...SUMMARY_SELECT, rules: true, iptablesText: true, ebtablesText: true, ebtablesFormat: true };
  const rows = await client.natAudit.findMany({ where: { id: { in: [a, b] } }, select });
  for (const id of [a, b]) if (!rows.some((r) => r.id === id)) throw notFound(`NAT audit ${id}`);
  // An audit compared with itself is a valid (empty) diff.
  const sorted = [...rows].sort((x, y) => x.at.getTime() - y.at.getTime() || x.id - y.id);
  const older = sorted[0]!;
  const newer = sorted.at(-1)!;
  if (older.boxKey !== newer.boxKey) {
    throw new AppError("validation", `audits ${a} and ${b} are of different boxes (${older.boxKey}, ${newer.boxKey})`, {
      against: ["must be an audit of the same box"],
    });
  }
  const oldRules = rulesOf(older);
  const newRules = rulesOf(newer);
  const changes = changesSince(oldRules, newRules, newer.at);
  const byKey = new Map(newRules.map((r) => [r.key, r]));
  const oldByKey = new Map(oldRules.map((r) => [r.key, r]));
  // An added rule was first seen by the first audit that had it, which may sit between the two.
  for (const c of changes) {
    const seen = c.change === "added" ? byKey.get(keyOf(newRules, c))?.firstSeen : null;
    if (seen) c.firstSeen = seen;
  }
  const rollouts = await rolloutsBetween(client, newer.boxKey, older.at, newer.at);
  const policy = policyChanges(older, newer);
  const pick = (kind: string) =>
    changes.filter((c) => c.change === kind).map((c) => ({ table: c.table, chain: c.chain, text: c.text }));
  return {
    older: toNatAuditSummary(older),
    newer: toNatAuditSummary(newer),
    added: pick("added"),
    removed: pick("removed"),
    changed: changes
      .filter((c) => c.change === "changed")
      .map((c) => {
        const was = oldByKey.get(keyOf(newRules, c))?.text ?? "";
        return { table: c.table, chain: c.chain, text: c.text, was, what: ["text"] };
      }),
    policies: policy,
    rollouts,
    // Branchdesk never sets a chain's policy: a changed one is drift whatever ran.
    drift: [
      ...driftOnly(changes, rollouts),
      ...policy.map((p) => ({
        change: "policy" as const,
        table: p.chain.startsWith("ebtables ") ? ("ebtables" as const) : ("iptables" as const),
        chain: p.chain.replace(/^ebtables /, ""),
        text: `policy ${p.older ?? "(none)"} -> ${p.newer ?? "(none)"}`,
        firstSeen: newer.at.toISOString(),
      })),
    ],
  };
}

const keyOf = (rules: readonly NatAuditRule[], c: { table: string; chain: string; text: string }) =>
  rules.find((r) => r.table === c.table && r.chain === c.chain && r.text === c.text)?.key ?? "";

type Raw = { iptablesText: string | null; ebtablesText: string | null; ebtablesFormat: string | null };

/** Chain policies from the save formats' ":CHAIN POLICY" lines (a legacy ebtables listing has none here). */
function policies(raw: Raw): Map<string, string> {
  const out = new Map<string, string>();
  const texts = [["", raw.iptablesText]];
  if (raw.ebtablesFormat === "save") texts.push(["ebtables ", raw.ebtablesText]);
  for (const [prefix, text] of texts) {
    for (const m of (text ?? "").matchAll(/^:(\S+) (\S+)/gm)) out.set(`${prefix}${m[1]}`, m[2]!);
  }
  return out;
}

function policyChanges(older: Raw, newer: Raw): NatAuditDiffResponse["policies"] {
  const a = policies(older);
  const b = policies(newer);
  const chains = [...new Set([...a.keys(), ...b.keys()])].sort();
  return chains
    .filter((c) => a.get(c) !== b.get(c))
    .map((chain) => ({ chain, older: a.get(chain) ?? null, newer: b.get(chain) ?? null }));
}
