import type { z } from "zod";
import { allocateLinkLocal } from "../addressing/allocate-link-local";
import { parseBranchCode } from "../inventory/branch-code";
import { ZCreateBranchInput } from "../inventory/branch-input";
import { ZGatewayInput } from "../inventory/gateway-input";
import { ZGuestInput } from "../inventory/guest-input";
import { ZCreateHostInput } from "../inventory/host-input";
import { issueFields } from "../inventory/issue-fields";
import type { FieldErrors } from "../field-errors";
import type { Cidr } from "../values/cidr";
import { parseHostname } from "../values/hostname";
import type { Ipv4 } from "../values/ipv4";
import { checkPlan } from "./check-plan";
import { BRANCH_COLUMNS, GATEWAY_COLUMNS, GUEST_COLUMNS, HOST_COLUMNS, type ImportColumn } from "./import-columns";
import { byPosition, type ImportError } from "./import-error";
import type { BranchData, GatewayData, GuestData, HostData, ImportPlan, Planned } from "./import-plan";
import { indexFleet, type FleetHold, type FleetIndex, type FleetSnapshot } from "./fleet-snapshot";
import { changedFields, mergeCells, pickCells } from "./merge-cells";
import type { ImportRow } from "./parse-import";

const ZImportHost = ZCreateHostInput.omit({ guest: true });
const { code: _code, ...BRANCH_VALUE_COLUMNS } = BRANCH_COLUMNS;
const { hostKeyFingerprint: _fp, ...HOST_VALUE_COLUMNS } = HOST_COLUMNS;

/**
 * Rows -> what to create, update or leave alone, with every problem at once:
 * each value parsed by the form's own schema, each record checked by the
 * form's own invariant (checkBranch, checkGateway, checkHost) against the
 * fleet as it will be after the import (check-plan.ts). Pure: the fleet is
 * passed in.
 */
export function planImport(rows: readonly ImportRow[], fleet: FleetSnapshot): ImportPlan {
  const idx = indexFleet(fleet);
  const plan: ImportPlan = { branches: [], gateways: [], hosts: [], guests: [], errors: [] };
  const seenHosts = new Map<string, number>();
  for (const [code, group] of groupByBranch(rows, plan.errors)) {
    const branch = planBranch(code, group, idx, plan);
    planGateway(code, group, idx, plan, branch);
    for (const row of group) planHost(code, row, idx, plan, seenHosts);
  }
  allocateLinkLocals(plan, idx, fleet.holds ?? []);
  checkPlan(plan, fleet, idx);
  plan.errors.sort(byPosition);
  return plan;
}

function groupByBranch(rows: readonly ImportRow[], errors: ImportError[]): Map<string, ImportRow[]> {
  const groups = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const raw = row.cells.branch_code;
    if (raw === undefined) {
      errors.push({ row: row.row, column: "branch_code", message: "is required: every row names its branch" });
      continue;
    }
    const code = parseBranchCode(raw);
    if (!code.ok) {
      errors.push({ row: row.row, column: "branch_code", message: code.error });
      continue;
    }
    const group = groups.get(code.value);
    if (group) group.push(row);
    else groups.set(code.value, [row]);
  }
  return groups;
}

/** zod issues of one record -> errors in the columns they came from. */
function reportIssues(
  errors: ImportError[],
  issues: readonly z.core.$ZodIssue[],
  columns: Record<string, ImportColumn>,
  rowOf: (field: string) => number,
  fallback: ImportColumn,
): void {
  const fields: FieldErrors = issueFields(issues);
  for (const [field, messages] of Object.entries(fields)) {
    const column = columns[field] ?? fallback;
    for (const message of messages) errors.push({ row: rowOf(field), column, message });
  }
}

function planBranch(code: string, group: ImportRow[], idx: FleetIndex, plan: ImportPlan): boolean {
  const merged = mergeCells(group, BRANCH_VALUE_COLUMNS, `branch ${code}`, plan.errors);
  const existing = idx.branchByCode.get(code);
  const firstRow = group[0]!.row;
  if (!existing && merged.firstRow === null) {
    const message =
      `unknown branch ${code}: it is not in the fleet and this file does not create it ` +
      "(give branch_name, region and lan_cidr on one of its rows to create it)";
    plan.errors.push({ row: firstRow, column: "branch_code", message });
    return false;
  }
  const before: BranchData | null = existing
    ? {
        code: code as BranchData["code"],
        name: existing.name,
        region: existing.region,
        lanCidr: existing.lanCidr as Cidr,
        linkLocalPool: existing.linkLocalPool as Cidr,
        gatewayLinkLocalIp: existing.gatewayLinkLocalIp as Ipv4,
      }
    : null;
  const parsed = ZCreateBranchInput.safeParse({ ...before, ...merged.values, code });
  if (!parsed.success) {
    const rowOf = (f: string) => merged.rowOf[f] ?? firstRow;
    reportIssues(plan.errors, parsed.error.issues, BRANCH_COLUMNS, rowOf, "branch_code");
    return false;
  }
  const data = parsed.data as BranchData;
  const changed = before ? changedFields(before, data) : [];
  const action = !before ? "create" : changed.length ? "update" : "unchanged";
  const row = firstRowOf(merged.rowOf, changed) ?? firstRow;
  plan.branches.push({ row, action, branchCode: code, name: code, id: existing?.id ?? null, data, before, changed });
  return true;
}

function planGateway(code: string, group: ImportRow[], idx: FleetIndex, plan: ImportPlan, branchOk: boolean): void {
  const merged = mergeCells(group, GATEWAY_COLUMNS, `the gateway of branch ${code}`, plan.errors);
  if (merged.firstRow === null || !branchOk) return;
  const branch = idx.branchByCode.get(code);
  const existing = branch ? idx.gatewayByBranchId.get(branch.id) : undefined;
  const before: GatewayData | null = existing ? gatewayData(existing) : null;
  const parsed = ZGatewayInput.safeParse({ ...before, ...merged.values });
  if (!parsed.success) {
    const rowOf = (f: string) => merged.rowOf[f] ?? merged.firstRow!;
    reportIssues(plan.errors, parsed.error.issues, GATEWAY_COLUMNS, rowOf, "gateway_hostname");
    return;
  }
  const data = parsed.data;
  const changed = before ? changedFields(before, data) : [];
  const action = !before ? "create" : changed.length ? "update" : "unchanged";
  const row = firstRowOf(merged.rowOf, changed) ?? merged.firstRow;
  const id = existing?.id ?? null;
  plan.gateways.push({ row, action, branchCode: code, name: data.hostname, id, data, before, changed });
}

function gatewayData(g: FleetIndex["gatewayByBranchId"] extends Map<number, infer G> ? G : never): GatewayData {
  const { hostname, sshAddress, sshPort, sshUser, lanIfname, lanIp } = g;
  return ZGatewayInput.parse({ hostname, sshAddress, sshPort, sshUser, lanIfname, lanIp });
}

function planHost(code: string, row: ImportRow, idx: FleetIndex, plan: ImportPlan, seen: Map<string, number>): void {
  const hostCells = pickCells(row, HOST_COLUMNS);
  const guestCells = pickCells(row, GUEST_COLUMNS);
  if (Object.keys(hostCells).length + Object.keys(guestCells).length === 0) return;
  const at = (column: ImportColumn, message: string): void => void plan.errors.push({ row: row.row, column, message });
  if (hostCells.hostname === undefined) return at("hostname", "is required: host and guest columns describe a host");
  const hostname = parseHostname(hostCells.hostname);
  if (!hostname.ok) return at("hostname", hostname.error);
  const earlier = seen.get(hostname.value);
  if (earlier !== undefined) return at("hostname", `${hostname.value} is already a host on row ${earlier}`);
  seen.set(hostname.value, row.row);
  const existing = idx.hostByHostname.get(hostname.value);
  const branch = idx.branchByCode.get(code);
  if (existing && existing.branchId !== branch?.id) {
    const other = idx.branchById.get(existing.branchId)?.code ?? "another branch";
    return at(
      "hostname",
      `${hostname.value} is a host of branch ${other}; an import does not move hosts between branches`,
    );
  }
  const before: HostData | null = existing
    ? ({
        hostname: existing.hostname,
        serial: existing.serial,
        nicMac: existing.nicMac,
        bridge: existing.bridge,
        linkLocalIp: existing.linkLocalIp,
        sshUser: existing.sshUser,
        state: existing.state,
      } as HostData)
    : null;
  const values = pickCells(row, HOST_VALUE_COLUMNS);
  const parsed = ZImportHost.safeParse({ ...before, ...values, hostname: hostname.value });
  const fingerprint = hostCells.hostKeyFingerprint;
  if (fingerprint !== undefined && fingerprint !== existing?.hostKeyFingerprint) {
    const pinned = existing?.hostKeyFingerprint ? `the pinned key is ${existing.hostKeyFingerprint}` : "none is pinned";
    const message =
      `${fingerprint} is not this host's pinned key (${pinned}); keys are pinned by enrolment or Trust ` +
      "after a scan, never by an import: leave host_key_fingerprint empty";
    at("host_key_fingerprint", message);
  }
  if (!parsed.success) {
    reportIssues(plan.errors, parsed.error.issues, HOST_COLUMNS, () => row.row, "hostname");
  } else {
    // A missing link-local address is allocated once every row is read (allocateLinkLocals).
    const data = parsed.data as HostData;
    const changed = before ? changedFields(before, data) : [];
    const action = !before ? "create" : changed.length ? "update" : "unchanged";
    const id = existing?.id ?? null;
    plan.hosts.push({ row: row.row, action, branchCode: code, name: data.hostname, id, data, before, changed });
  }
  if (Object.keys(guestCells).length > 0) planGuest(code, row, hostname.value, existing?.id, idx, plan);
}

function planGuest(
  code: string,
  row: ImportRow,
  hostname: string,
  hostId: number | undefined,
  idx: FleetIndex,
  plan: ImportPlan,
): void {
  const existing = hostId === undefined ? undefined : idx.guestByHostId.get(hostId);
  const before: GuestData | null = existing
    ? ({ name: existing.name, domain: existing.domain, mac: existing.mac, ip: existing.ip } as GuestData)
    : null;
  const parsed = ZGuestInput.safeParse({ ...before, ...pickCells(row, GUEST_COLUMNS) });
  if (!parsed.success) {
    reportIssues(plan.errors, parsed.error.issues, GUEST_COLUMNS, () => row.row, "guest_name");
    return;
  }
  if (!parsed.data.mac) {
    const message =
      "is required for a new guest in an import (the form allocates one; a file states it, " +
      "so that the same file imported twice means the same fleet)";
    plan.errors.push({ row: row.row, column: "guest_mac", message });
    return;
  }
  const data = parsed.data as GuestData;
  const changed = before ? changedFields(before, data) : [];
  const action = !before ? "create" : changed.length ? "update" : "unchanged";
  const id = existing?.id ?? null;
  plan.guests.push({ row: row.row, action, branchCode: code, name: hostname, id, data, before, changed });
}

/**
 * A new host without link_local_ip gets the lowest free address of its
 * branch's pool, as the form does, after every address the file and the
 * fleet hold in that branch, so it never takes one a later row types.
 */
function allocateLinkLocals(plan: ImportPlan, idx: FleetIndex, holds: readonly FleetHold[]): void {
  const wanting = plan.hosts.filter((h) => !h.data.linkLocalIp);
  if (wanting.length === 0) return;
  const inFile = new Set(plan.hosts.map((h) => h.name));
  const used = new Map<string, Ipv4[]>();
  const usedIn = (code: string) => used.get(code) ?? used.set(code, []).get(code)!;
  for (const h of plan.hosts) if (h.data.linkLocalIp) usedIn(h.branchCode).push(h.data.linkLocalIp);
  for (const host of idx.hostByHostname.values()) {
    const code = idx.branchById.get(host.branchId)?.code;
    if (code && !inFile.has(host.hostname)) usedIn(code).push(host.linkLocalIp as Ipv4);
  }
  for (const hold of holds) {
    const code = hold.branchId === null ? undefined : idx.branchById.get(hold.branchId)?.code;
    if (hold.kind === "link-local" && code) usedIn(code).push(hold.value as Ipv4);
  }
  const branches = new Map(plan.branches.map((b) => [b.branchCode, b.data]));
  for (const host of wanting) {
    const branch = branches.get(host.branchCode);
    if (!branch) continue;
    const picked = allocateLinkLocal({
      pool: branch.linkLocalPool,
      gatewayIp: branch.gatewayLinkLocalIp,
      used: usedIn(host.branchCode),
    });
    if (!picked.ok) {
      const message = picked.error.replace(/^pool: /, "");
      plan.errors.push({ row: host.row, column: "link_local_ip", message });
      continue;
    }
    host.data.linkLocalIp = picked.value;
    usedIn(host.branchCode).push(picked.value);
  }
  plan.hosts = plan.hosts.filter((h) => h.data.linkLocalIp);
}

function firstRowOf(rowOf: Record<string, number>, fields: readonly string[]): number | undefined {
  const rows = fields.map((f) => rowOf[f]).filter((r): r is number => r !== undefined);
  return rows.length ? Math.min(...rows) : undefined;
}

export type { Planned };
