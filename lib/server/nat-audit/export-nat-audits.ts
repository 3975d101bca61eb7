import { stringify } from "csv-stringify/sync";
import { db, type Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { latestNatAudits } from "./list-nat-audits";
import type { NatAuditListQuery } from "./nat-audit-views";
import { rulesOf, SUMMARY_SELECT, toNatAuditSummary } from "./to-nat-audit-view";

export const NAT_EXPORT_COLUMNS = [
  "audit_id",
  "audited_at",
  "box",
  "box_name",
  "branch",
  "audited_by",
  "digest_sha256",
  "table",
  "chain",
  "rule",
  "class",
  "owner",
  "shadowed",
  "packets",
  "bytes",
  "never_hit",
  "delta_packets",
  "delta_bytes",
  "first_seen",
  "reason",
] as const;

export type NatExportQuery = NatAuditListQuery & { id?: number };

/**
 * The auditors' report: one audit (`id`), or the latest audit of every box the filters keep;
 * with `class`, only that class's rules (shadowed: every rule that can never fire). CSV has a
 * row per rule; JSON has each audit with its rules and exactly what was read, so the digest
 * (sha256 of the iptables text, then the ebtables text) can be checked.
 */
export async function exportNatAudits(
  query: NatExportQuery,
  format: "csv" | "json",
  now: Date = new Date(),
  client: Db = db(),
): Promise<{ content: string; filename: string }> {
  let ids: number[];
  if (query.id !== undefined) {
    if (!(await client.natAudit.findUnique({ where: { id: query.id }, select: { id: true } }))) {
      throw notFound(`NAT audit ${query.id}`);
    }
    ids = [query.id];
  } else ids = (await latestNatAudits(query, client)).map((a) => a.id);
  const rows = await client.natAudit.findMany({
    where: { id: { in: ids } },
    select: { ...SUMMARY_SELECT, rules: true, iptablesText: true, ebtablesText: true },
    orderBy: [{ branchCode: "asc" }, { kind: "desc" }, { boxName: "asc" }],
  });
  const keep = (r: { class: string; shadowed: boolean }) =>
    !query.class || (query.class === "shadowed" ? r.shadowed : r.class === query.class);
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const filename = `nat-audit-${query.id ?? query.branch ?? "fleet"}-${stamp}.${format}`;
  if (format === "json") {
    const audits = rows.map((r) => ({
      ...toNatAuditSummary(r),
      uptimeSeconds: r.uptimeSeconds,
      read: { iptables: r.iptablesText, ebtables: r.ebtablesText },
      rules: rulesOf(r).filter(keep),
    }));
    const report = { generatedAt: now.toISOString(), filters: query, digest: "sha256(iptables + ebtables)", audits };
    return { content: `${JSON.stringify(report, null, 2)}\n`, filename };
  }
  const records = rows.flatMap((a) =>
    rulesOf(a)
      .filter(keep)
      .map((r) => [
        a.id,
        a.at.toISOString(),
        a.boxKey,
        a.boxName,
        a.branchCode,
        a.createdBy,
        a.digest ?? "",
        r.table,
        r.chain,
        cell(r.text),
        r.class,
        r.owner,
        r.shadowed ? "yes" : "no",
        r.packets ?? "",
        r.bytes ?? "",
        r.neverHit ? "yes" : "no",
        r.deltaPackets ?? "",
        r.deltaBytes ?? "",
        r.firstSeen ?? "",
        cell(r.reason),
      ]),
  );
  const content = stringify(records, { header: true, columns: [...NAT_EXPORT_COLUMNS], record_delimiter: "windows" });
  return { content, filename };
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (OWASP "CSV injection"); ebtables rules
 * start with "-A", so such a cell gets a leading apostrophe (the JSON export has the text as read).
 */
function cell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
