import type { Db } from "@/lib/server/db/client";
import type { NatAuditRule, NatDrift } from "@/lib/server/nat-audit/nat-audit-views";
import { countClasses } from "@/lib/server/nat-audit/analyse-nat-read";

/** A rule row as an audit stores it; only `text` and `class` are needed. */
export function natRule(over: Partial<NatAuditRule> & Pick<NatAuditRule, "text" | "class">): NatAuditRule {
  const chain = over.chain ?? /-A (\S+)/.exec(over.text)?.[1] ?? "POSTROUTING";
  const packets = over.packets === undefined ? 0 : over.packets;
  return {
    table: "iptables",
    chain,
    index: 1,
    line: 1,
    owner: over.class === "foreign" ? "admin" : "branchdesk",
    shadowed: over.class === "shadowed",
    shadowedBy: null,
    duplicateOf: null,
    reason: `${over.class}: seeded`,
    packets,
    bytes: packets === null ? null : packets * 60,
    neverHit: packets === 0,
    deltaPackets: null,
    deltaBytes: null,
    firstSeen: null,
    key: `iptables ${chain} ${over.text} #1`,
    ...over,
  };
}

/** Stores an audit snapshot as runNatAudit would leave it (tests and e2e seeding; no SSH). */
export async function seedNatAudit(
  client: Db,
  a: {
    box: string;
    boxName: string;
    branchCode: string;
    at: Date;
    rules: NatAuditRule[];
    drift?: NatDrift[];
    createdBy?: string;
    status?: "ok" | "failed";
    error?: string;
    iptablesText?: string;
    previousId?: number | null;
  },
): Promise<number> {
  const drift = a.drift ?? [];
  const text = a.iptablesText ?? `*nat\n${a.rules.map((r) => r.text).join("\n")}\nCOMMIT\n`;
  const { createHash } = await import("node:crypto");
  const row = await client.natAudit.create({
    data: {
      runId: `seed-${a.box}-${a.at.getTime()}`,
      boxKey: a.box,
      kind: a.box.startsWith("host:") ? "host" : "gateway",
      boxName: a.boxName,
      branchCode: a.branchCode,
      createdBy: a.createdBy ?? "auditor",
      at: a.at,
      status: a.status ?? "ok",
      error: a.error ?? null,
      digest: createHash("sha256").update(text).digest("hex"),
      iptablesText: text,
      uptimeSeconds: 86_400,
      previousId: a.previousId ?? null,
      counts: JSON.stringify(countClasses(a.rules)),
      rules: JSON.stringify(a.rules),
      drift: JSON.stringify(drift),
      ruleCount: a.rules.length,
      driftCount: drift.length,
    },
  });
  return row.id;
}
