import { randomUUID } from "node:crypto";
import { parseBoxKey } from "@/lib/domain/health/box-key";
import type { Actor } from "@/lib/server/auth/actor";
import { sshConfig } from "@/lib/server/config/ssh-config";
import { db, type Db } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { loadHealthTargets, type HealthBranch } from "@/lib/server/health/load-health-targets";
import { limiter } from "@/lib/server/health/sweep-health";
import { loadFleetKey } from "@/lib/ssh/fleet-key";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import { analyseNatRead, natDigest } from "./analyse-nat-read";
import { collectNat, type NatCollected } from "./collect-nat";
import { driftOnly, rolloutsBetween } from "./explain-by-rollouts";
import { inventoryFor, loadNatInventory } from "./load-nat-inventory";
import type { NatAuditSummary, RunNatAuditInput } from "./nat-audit-views";
import { pruneNatAudits } from "./prune-nat-audits";
import { rulesOf, SUMMARY_SELECT, toNatAuditSummary } from "./to-nat-audit-view";

/** Reads the boxes of some branches (tests replace the SSH part). */
export type CollectAll = (branches: HealthBranch[], only: ReadonlySet<string> | null) => Promise<NatCollected[]>;

/**
 * Audit now (an operator's action, itself audited): reads the nat tables of one box, a branch
 * or the fleet over SSH, read-only, BRANCHDESK_NAT_AUDIT_CONCURRENCY boxes at a time; explains
 * every rule, computes counter deltas and drift against each box's previous audit, and stores
 * one snapshot per box (a box that cannot be read gets a failed snapshot saying why).
 */
export async function runNatAudit(
  actor: Pick<Actor, "username">,
  input: RunNatAuditInput,
  opts: { client?: Db; collect?: CollectAll } = {},
): Promise<{ runId: string; audits: NatAuditSummary[] }> {
  const client = opts.client ?? db();
  const { branches, only, label } = await resolveScope(client, input);
  const collected = await (opts.collect ?? sshCollect)(branches, only);
  const inventory = await loadNatInventory(client);
  const runId = randomUUID();
  const rows: Prisma.NatAuditUncheckedCreateInput[] = [];
  for (const c of collected) {
    const previous = await client.natAudit.findFirst({
      where: { boxKey: c.target.key, status: "ok" },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { id: true, at: true, uptimeSeconds: true, rules: true },
    });
    const base = {
      runId,
      boxKey: c.target.key,
      kind: c.target.kind,
      boxName: c.target.name,
      branchCode: c.target.branchCode,
      createdBy: actor.username,
      at: c.at,
      previousId: previous?.id ?? null,
    };
    if (!c.read.ok) {
      rows.push({ ...base, status: "failed", error: c.read.error });
      continue;
    }
    const read = c.read.value;
    const raw = {
      digest: natDigest(read),
      iptablesText: read.iptables,
      ebtablesText: read.ebtables?.text ?? null,
      ebtablesFormat: read.ebtables?.format ?? null,
      uptimeSeconds: read.uptimeSeconds,
    };
    const analysis = analyseNatRead({
      read,
      role: c.target.kind,
      desired: c.target.desired,
      inventory: inventoryFor(c.target, inventory),
      previous: previous && { at: previous.at, uptimeSeconds: previous.uptimeSeconds, rules: rulesOf(previous) },
      at: c.at,
    });
    if (!analysis.ok) {
      rows.push({ ...base, ...raw, status: "failed", error: analysis.error });
      continue;
    }
    const rollouts = previous ? await rolloutsBetween(client, c.target.key, previous.at, c.at) : [];
    const drift = driftOnly(analysis.value.changes, rollouts);
    rows.push({
      ...base,
      ...raw,
      status: "ok",
      counts: JSON.stringify(analysis.value.counts),
      rules: JSON.stringify(analysis.value.rules),
      drift: JSON.stringify(drift),
      ruleCount: analysis.value.rules.length,
      driftCount: drift.length,
    });
  }
  const saved = await writeTransaction(actor, async (tx, audit) => {
    const out = [];
    for (const data of rows) out.push(await tx.natAudit.create({ data, select: SUMMARY_SELECT }));
    const failed = out.filter((r) => r.status !== "ok").length;
    // Retention (prune-nat-audits.ts): old snapshots of the boxes just audited, beyond the newest N.
    const pruned = await pruneNatAudits(
      tx,
      rows.map((r) => r.boxKey),
      new Date(),
    );
    audit(
      { type: "nat-audit", id: runId, action: "nat-audit.run" },
      null,
      { scope: label, boxes: out.length, failed, audits: out.map((r) => r.id), pruned },
      `audited the NAT rules of ${label}: ${out.length} box(es)${failed ? `, ${failed} could not be read` : ""}`,
    );
    return out;
  });
  return { runId, audits: saved.map(toNatAuditSummary) };
}

async function resolveScope(
  client: Db,
  input: RunNatAuditInput,
): Promise<{ branches: HealthBranch[]; only: Set<string> | null; label: string }> {
  if (input.box !== undefined) {
    const ref = parseBoxKey(input.box);
    const notFound = new AppError("not_found", `box ${JSON.stringify(input.box)} does not exist`, {
      box: ['not a gateway or host of the inventory (want "gateway:<id>" or "host:<id>")'],
    });
    if (!ref) throw notFound;
    const key = `${ref.kind}:${ref.id}`;
    const branches = (await loadHealthTargets(client)).filter(
      (b) => b.gateway?.key === key || b.hosts.some((h) => h.key === key),
    );
    if (branches.length === 0) throw notFound;
    return { branches, only: new Set([key]), label: key };
  }
  if (input.branch !== undefined) {
    const code = input.branch.trim().toUpperCase();
    const branches = await loadHealthTargets(client, [code]);
    if (branches.length === 0) {
      throw new AppError("not_found", `branch ${input.branch} does not exist`, { branch: ["no such branch code"] });
    }
    return { branches, only: null, label: `branch ${code}` };
  }
  return { branches: await loadHealthTargets(client), only: null, label: "the fleet" };
}

const sshCollect: CollectAll = async (branches, only) => {
  const config = sshConfig();
  const key = await loadFleetKey(config.fleetKeyPath);
  if (!key.ok) throw new AppError("unavailable", `the fleet SSH key cannot be used: ${key.error} (BRANCHDESK_SSH_KEY)`);
  const limit = limiter(Number(process.env.BRANCHDESK_NAT_AUDIT_CONCURRENCY) || 64);
  const options = {
    fleetKey: key.value,
    connectTimeoutMs: Math.min(config.connectTimeoutMs, 8_000),
    commandTimeoutMs: 30_000,
    limit,
  };
  const per = await Promise.all(branches.map((b) => collectNat(b, only, options)));
  return per.flat();
};
