import { isKvmMac } from "@/lib/domain/addressing/allocate-mac";
import type { ImportPlan, Planned } from "@/lib/domain/import/import-plan";
import type { Mac } from "@/lib/domain/values/mac";
import type { Tx } from "@/lib/server/db/client";
import { insertRows } from "@/lib/server/db/insert-rows";
import type { Audit } from "@/lib/server/db/write-transaction";

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const only = <D>(items: Planned<D>[], action: "create" | "update") => items.filter((p) => p.action === action);

/**
 * Writes a checked plan inside the caller's transaction: creations in bulk
 * INSERTs (insert-rows.ts: one statement per 500 records, not per row), ids read
 * back by their unique names in chunks, updates one by one (an import of an
 * exported file has none), and one audit event per record written.
 */
export async function applyImportPlan(tx: Tx, plan: ImportPlan, audit: Audit): Promise<void> {
  const branchIds = await writeBranches(tx, plan, audit);
  const idOf = (code: string) => branchIds.get(code)!;

  const now = new Date();
  await insertRows(
    tx,
    "Gateway",
    ["branchId", "hostname", "sshAddress", "sshPort", "sshUser", "lanIfname", "lanIp", "createdAt", "updatedAt"],
    only(plan.gateways, "create").map(({ branchCode, data: g }) => [
      idOf(branchCode),
      g.hostname,
      g.sshAddress,
      g.sshPort,
      g.sshUser,
      g.lanIfname,
      g.lanIp,
      now,
      now,
    ]),
  );
  for (const p of only(plan.gateways, "update")) await tx.gateway.update({ where: { id: p.id! }, data: p.data });
  for (const p of plan.gateways.filter((g) => g.action !== "unchanged")) {
    const verb = p.action === "create" ? "added" : "changed";
    const summary = `${verb} gateway ${p.data.hostname} of ${p.branchCode} (import)`;
    audit({ type: "gateway", id: p.branchCode }, p.before, p.data, summary);
  }

  const created = only(plan.hosts, "create");
  await insertRows(
    tx,
    "Host",
    ["branchId", "hostname", "serial", "nicMac", "bridge", "linkLocalIp", "sshUser", "state", "createdAt", "updatedAt"],
    created.map(({ branchCode, data: h }) => [
      idOf(branchCode),
      h.hostname,
      h.serial,
      h.nicMac,
      h.bridge,
      h.linkLocalIp,
      h.sshUser,
      h.state,
      now,
      now,
    ]),
  );
  const hostIds = new Map<string, number>();
  for (const h of plan.hosts) if (h.id !== null) hostIds.set(h.name, h.id);
  for (const part of chunks(created.map((p) => p.name))) {
    const rows = await tx.host.findMany({ where: { hostname: { in: part } }, select: { id: true, hostname: true } });
    for (const r of rows) hostIds.set(r.hostname, r.id);
  }
  for (const p of only(plan.hosts, "update")) await tx.host.update({ where: { id: p.id! }, data: p.data });
  for (const p of plan.hosts.filter((h) => h.action !== "unchanged")) {
    const verb =
      p.action === "create" ? `added host ${p.name} (${p.data.linkLocalIp}) to` : `changed host ${p.name} in`;
    const changed = p.action === "update" ? `: ${p.changed.join(", ")}` : "";
    audit({ type: "host", id: hostIds.get(p.name)! }, p.before, p.data, `${verb} ${p.branchCode}${changed} (import)`);
  }

  await insertRows(
    tx,
    "Guest",
    ["hostId", "branchId", "name", "domain", "mac", "ip", "createdAt", "updatedAt"],
    only(plan.guests, "create").map(({ name, branchCode, data: g }) => [
      hostIds.get(name)!,
      idOf(branchCode),
      g.name,
      g.domain,
      g.mac,
      g.ip,
      now,
      now,
    ]),
  );
  for (const p of only(plan.guests, "update")) await tx.guest.update({ where: { id: p.id! }, data: p.data });
  for (const p of plan.guests.filter((g) => g.action !== "unchanged")) {
    const what = `guest ${p.data.name} (${p.data.ip}, ${p.data.mac}) on host ${p.name} in ${p.branchCode}`;
    const summary = `${p.action === "create" ? "added" : "changed"} ${what} (import)`;
    audit({ type: "guest", id: hostIds.get(p.name)! }, p.before, p.data, summary);
  }
  await recordUsedMacsInBulk(tx, [
    ...plan.hosts.filter((h) => h.action !== "unchanged").map((h) => h.data.nicMac),
    ...plan.guests.filter((g) => g.action !== "unchanged").map((g) => g.data.mac),
  ]);
}

async function writeBranches(tx: Tx, plan: ImportPlan, audit: Audit): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const b of plan.branches) if (b.id !== null) ids.set(b.branchCode, b.id);
  const created = only(plan.branches, "create");
  const now = new Date();
  await insertRows(
    tx,
    "Branch",
    ["code", "name", "region", "lanCidr", "linkLocalPool", "gatewayLinkLocalIp", "createdAt", "updatedAt"],
    created.map(({ data: b }) => [
      b.code,
      b.name,
      b.region,
      b.lanCidr,
      b.linkLocalPool,
      b.gatewayLinkLocalIp,
      now,
      now,
    ]),
  );
  for (const part of chunks(created.map((p) => p.branchCode))) {
    const rows = await tx.branch.findMany({ where: { code: { in: part } }, select: { id: true, code: true } });
    for (const r of rows) ids.set(r.code, r.id);
  }
  for (const p of only(plan.branches, "update")) await tx.branch.update({ where: { id: p.id! }, data: p.data });
  for (const p of plan.branches.filter((b) => b.action !== "unchanged")) {
    const summary =
      p.action === "create"
        ? `created branch ${p.branchCode} (${p.data.name}, LAN ${p.data.lanCidr}) (import)`
        : `changed branch ${p.branchCode}: ${p.changed.join(", ")} (import)`;
    audit({ type: "branch", id: p.branchCode }, p.before, p.data, summary);
  }
  return ids;
}

/** As recordUsedMacs (allocate-guest-mac.ts), for thousands of MACs: read which are known, insert the rest. */
async function recordUsedMacsInBulk(tx: Tx, macs: readonly Mac[]): Promise<void> {
  const kvm = [...new Set(macs.filter(isKvmMac))];
  const known = new Set<string>();
  for (const part of chunks(kvm)) {
    const rows = await tx.usedMac.findMany({ where: { mac: { in: part } }, select: { mac: true } });
    for (const r of rows) known.add(r.mac);
  }
  const now = new Date();
  const fresh = kvm.filter((m) => !known.has(m));
  await insertRows(
    tx,
    "UsedMac",
    ["mac", "firstUsedAt"],
    fresh.map((mac) => [mac, now]),
  );
}
