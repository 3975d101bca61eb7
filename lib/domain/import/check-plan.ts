import { checkBranch } from "../inventory/check-branch";
import { checkGateway } from "../inventory/check-gateway";
import { checkHost } from "../inventory/check-host";
import type { BranchAddressing } from "../inventory/branch-addressing";
import type { Claim } from "../inventory/claim";
import type { FieldErrors } from "../field-errors";
import type { Cidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import { BRANCH_COLUMNS, GATEWAY_COLUMNS, GUEST_COLUMNS, HOST_COLUMNS, type ImportColumn } from "./import-columns";
import { ImportClaims } from "./import-claims";
import type { GuestData, HostData, ImportPlan, Planned } from "./import-plan";
import type { FleetIndex, FleetSnapshot } from "./fleet-snapshot";

const HOST_AND_GUEST_COLUMNS: Record<string, ImportColumn> = {
  ...HOST_COLUMNS,
  ...Object.fromEntries(Object.entries(GUEST_COLUMNS).map(([f, c]) => [`guest.${f}`, c])),
};

type FinalHost = { code: string; hostname: string; serial: string; nicMac: string; linkLocalIp: string; row?: number };
type FinalGuest = { code: string; hostname: string; name: string; mac: string; ip: string; row?: number };

const changes = <D>(p: Planned<D>) => p.action !== "unchanged";

/**
 * Runs the forms' invariants on every record the import creates or changes,
 * against the fleet as it will be: records the file changes hold their new
 * values, the rest their current ones. Every claim is looked up by value
 * (ImportClaims), so 10,000 rows cost 10,000 map lookups, not 10^8 scans.
 */
export function checkPlan(plan: ImportPlan, fleet: FleetSnapshot, idx: FleetIndex): void {
  const addressing = finalAddressing(plan, fleet);
  const { hosts, guests } = finalHostsAndGuests(plan, fleet, idx);
  const gatewayIp = new Map<string, { ip: string; row?: number }>();
  const claims = new ImportClaims();
  const plannedGateways = new Map(plan.gateways.map((p) => [p.branchCode, p]));
  for (const g of fleet.gateways) {
    const code = idx.branchById.get(g.branchId)!.code;
    const planned = plannedGateways.get(code);
    const row = planned && changes(planned) ? planned.row : undefined;
    const { hostname, lanIp } = planned ? planned.data : g;
    gatewayIp.set(code, { ip: lanIp, row });
    claims.add(`hn:${hostname}`, { value: hostname, owner: `the gateway of branch ${code}`, self: `gw:${code}`, row });
  }
  for (const p of plan.gateways.filter((p) => p.action === "create")) {
    gatewayIp.set(p.branchCode, { ip: p.data.lanIp, row: p.row });
    const owner = `the gateway of branch ${p.branchCode}`;
    claims.add(`hn:${p.data.hostname}`, { value: p.data.hostname, owner, self: `gw:${p.branchCode}`, row: p.row });
  }
  for (const h of hosts) {
    const self = `host:${h.hostname}`;
    claims.add(`hn:${h.hostname}`, {
      value: h.hostname,
      owner: `host ${h.hostname} (branch ${h.code})`,
      self,
      row: h.row,
    });
    claims.add(`sn:${h.serial.toUpperCase()}`, { value: h.serial, owner: `host ${h.hostname}`, self, row: h.row });
    claims.add(`mac:${h.nicMac}`, { value: h.nicMac, owner: `host ${h.hostname}'s NIC`, self, row: h.row });
    const ll = { value: h.linkLocalIp, owner: `host ${h.hostname}`, self, row: h.row };
    claims.add(`ll:${h.code}:${h.linkLocalIp}`, ll);
  }
  for (const g of guests) {
    const claim = { owner: `guest ${g.name} (host ${g.hostname})`, self: `guest:${g.hostname}`, row: g.row };
    claims.add(`mac:${g.mac}`, { ...claim, value: g.mac });
    claims.add(`gip:${g.code}:${g.ip}`, { ...claim, value: g.ip });
  }
  for (const h of fleet.holds ?? []) {
    // The retired host itself (re-imported by name) is not held from its own addresses, as in the forms.
    const claim = { value: h.value, owner: h.owner, self: `host:${h.hostname}` };
    const code = h.branchId === null ? undefined : idx.branchById.get(h.branchId)?.code;
    if (h.kind === "guest-mac") claims.add(`mac:${h.value}`, claim);
    else if (code) claims.add(`ll:${code}:${h.value}`, claim);
  }
  const lans = plan.branches.filter(changes);
  const lanRows = new Map(lans.map((b) => [b.branchCode, b.row]));
  for (const [code, a] of addressing) {
    const row = lanRows.get(code);
    claims.add("lan", { value: a.lanCidr, owner: `branch ${code}`, self: `branch:${code}`, row });
  }

  // Records the file creates or changes are checked on their own rows; these are the ones a branch change would strand.
  const kept = { guests: new Map<string, Claim[]>(), hosts: new Map<string, Claim[]>() };
  const keep = (map: Map<string, Claim[]>, code: string, claim: Claim) =>
    (map.get(code) ?? map.set(code, []).get(code)!).push(claim);
  for (const g of guests) if (g.row === undefined) keep(kept.guests, g.code, claimOf(g, g.ip));
  for (const h of hosts) if (h.row === undefined) keep(kept.hosts, h.code, claimOf(h, h.linkLocalIp));
  const gatewayChanged = new Set(plan.gateways.filter(changes).map((g) => g.branchCode));
  for (const p of lans) {
    const ctx = {
      gatewayLanIp: (gatewayChanged.has(p.branchCode)
        ? null
        : (gatewayIp.get(p.branchCode)?.ip ?? null)) as Ipv4 | null,
      guests: kept.guests.get(p.branchCode) ?? [],
      hosts: kept.hosts.get(p.branchCode) ?? [],
      otherLans: claims.seenFrom("lan", [`branch:${p.branchCode}`], p.row),
    };
    report(plan, checkBranch(p.data, ctx), BRANCH_COLUMNS, p.row, "lan_cidr");
  }
  for (const p of plan.gateways.filter(changes)) {
    const branch = addressing.get(p.branchCode);
    if (!branch) continue;
    const errors = checkGateway(p.data, {
      branch,
      guestIps: claims.seenFrom(`gip:${p.branchCode}:${p.data.lanIp}`, [], p.row),
      hostnames: claims.seenFrom(`hn:${p.data.hostname}`, [`gw:${p.branchCode}`], p.row),
    });
    report(plan, errors, GATEWAY_COLUMNS, p.row, "gateway_hostname");
  }
  checkHosts(plan, addressing, claims, gatewayIp, idx);
}

function checkHosts(
  plan: ImportPlan,
  addressing: Map<string, BranchAddressing>,
  claims: ImportClaims,
  gatewayIp: Map<string, { ip: string; row?: number }>,
  idx: FleetIndex,
): void {
  const guestOf = new Map(plan.guests.map((g) => [g.name, g]));
  for (const h of plan.hosts) {
    const planned = guestOf.get(h.name);
    if (!changes(h) && !(planned && changes(planned))) continue;
    const branch = addressing.get(h.branchCode);
    if (!branch) continue;
    const existing = idx.hostByHostname.get(h.name);
    const current = existing ? idx.guestByHostId.get(existing.id) : undefined;
    const guest = planned?.data ?? (current ? { ...current, mac: current.mac as Mac, ip: current.ip as Ipv4 } : null);
    const self = [`host:${h.name}`, `guest:${h.name}`];
    const row = h.row;
    const gw = gatewayIp.get(h.branchCode);
    const errors = checkHost(
      { ...h.data, guest },
      {
        branch,
        gatewayLanIp: gw && (gw.row === undefined || gw.row < row) ? (gw.ip as Ipv4) : null,
        guestIps: guest ? claims.seenFrom(`gip:${h.branchCode}:${guest.ip}`, self, row) : [],
        macs: [h.data.nicMac, ...(guest ? [guest.mac] : [])].flatMap((m) => claims.seenFrom(`mac:${m}`, self, row)),
        linkLocalIps: claims.seenFrom(`ll:${h.branchCode}:${h.data.linkLocalIp}`, self, row),
        hostnames: claims.seenFrom(`hn:${h.name}`, self, row),
        serials: claims.seenFrom(`sn:${h.data.serial.toUpperCase()}`, self, row),
      },
    );
    report(plan, errors, HOST_AND_GUEST_COLUMNS, row, "hostname");
  }
}

/** Each branch's addressing after the import (the file's if it parsed, else the fleet's). */
function finalAddressing(plan: ImportPlan, fleet: FleetSnapshot): Map<string, BranchAddressing> {
  const out = new Map<string, BranchAddressing>();
  for (const b of fleet.branches) {
    out.set(b.code, {
      lanCidr: b.lanCidr as Cidr,
      linkLocalPool: b.linkLocalPool as Cidr,
      gatewayLinkLocalIp: b.gatewayLinkLocalIp as Ipv4,
    });
  }
  for (const p of plan.branches) out.set(p.branchCode, p.data);
  return out;
}

function finalHostsAndGuests(
  plan: ImportPlan,
  fleet: FleetSnapshot,
  idx: FleetIndex,
): { hosts: FinalHost[]; guests: FinalGuest[] } {
  const plannedHosts = new Map(plan.hosts.map((p) => [p.name, p]));
  const plannedGuests = new Map(plan.guests.map((p) => [p.name, p]));
  const hosts: FinalHost[] = [];
  const guests: FinalGuest[] = [];
  const hostnameOf = new Map<number, string>();
  for (const h of fleet.hosts) {
    hostnameOf.set(h.id, h.hostname);
    const code = idx.branchById.get(h.branchId)!.code;
    const p = plannedHosts.get(h.hostname);
    hosts.push(p && changes(p) ? finalHost(p) : { ...h, code });
  }
  for (const p of plan.hosts) if (p.action === "create") hosts.push(finalHost(p));
  for (const g of fleet.guests) {
    const hostname = hostnameOf.get(g.hostId)!;
    const code = idx.branchById.get(g.branchId)!.code;
    const p = plannedGuests.get(hostname);
    guests.push(p && changes(p) ? finalGuest(p) : { code, hostname, name: g.name, mac: g.mac, ip: g.ip });
  }
  for (const p of plan.guests) if (p.action === "create") guests.push(finalGuest(p));
  return { hosts, guests };
}

const finalHost = (p: Planned<HostData>): FinalHost => ({ ...p.data, code: p.branchCode, row: p.row });
const finalGuest = (p: Planned<GuestData>): FinalGuest => ({
  code: p.branchCode,
  hostname: p.name,
  name: p.data.name,
  mac: p.data.mac,
  ip: p.data.ip,
  row: p.row,
});

function claimOf(record: { hostname: string; name?: string }, value: string) {
  return { value, owner: record.name ? `guest ${record.name} (host ${record.hostname})` : `host ${record.hostname}` };
}

function report(
  plan: ImportPlan,
  errors: FieldErrors,
  columns: Record<string, ImportColumn>,
  row: number,
  fallback: ImportColumn,
): void {
  for (const [field, messages] of Object.entries(errors)) {
    for (const message of messages) plan.errors.push({ row, column: columns[field] ?? fallback, message });
  }
}
