import { stringify } from "csv-stringify/sync";
import { IMPORT_COLUMNS, type ImportColumn } from "./import-columns";
import type { FleetSnapshot } from "./fleet-snapshot";
import type { ImportFormat } from "./parse-import";

export type ExportRecord = Record<ImportColumn, string>;

/**
 * The fleet (or the branches in `fleet`) in the import's own format: one
 * record per host, sorted by branch code then hostname, a branch without
 * hosts as one record with no host. Importing it changes nothing.
 */
export function exportRecords(fleet: FleetSnapshot): ExportRecord[] {
  const gateways = new Map(fleet.gateways.map((g) => [g.branchId, g]));
  const guests = new Map(fleet.guests.map((g) => [g.hostId, g]));
  const hostsOf = new Map<number, FleetSnapshot["hosts"]>();
  for (const h of fleet.hosts) (hostsOf.get(h.branchId) ?? hostsOf.set(h.branchId, []).get(h.branchId)!).push(h);
  const records: ExportRecord[] = [];
  const byCode = [...fleet.branches].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const b of byCode) {
    const g = gateways.get(b.id);
    const branch = {
      branch_code: b.code,
      branch_name: b.name,
      region: b.region,
      lan_cidr: b.lanCidr,
      link_local_pool: b.linkLocalPool,
      gateway_link_local_ip: b.gatewayLinkLocalIp,
      gateway_hostname: g?.hostname ?? "",
      gateway_ssh_address: g?.sshAddress ?? "",
      gateway_ssh_port: g ? String(g.sshPort) : "",
      gateway_ssh_user: g?.sshUser ?? "",
      gateway_lan_ifname: g?.lanIfname ?? "",
      gateway_lan_ip: g?.lanIp ?? "",
    };
    const hosts = (hostsOf.get(b.id) ?? []).sort((x, y) => (x.hostname < y.hostname ? -1 : 1));
    if (hosts.length === 0) records.push({ ...EMPTY, ...branch });
    for (const h of hosts) {
      const guest = guests.get(h.id);
      records.push({
        ...branch,
        hostname: h.hostname,
        serial: h.serial,
        nic_mac: h.nicMac,
        bridge: h.bridge,
        link_local_ip: h.linkLocalIp,
        ssh_user: h.sshUser,
        state: h.state,
        host_key_fingerprint: h.hostKeyFingerprint ?? "",
        guest_name: guest?.name ?? "",
        guest_domain: guest?.domain ?? "",
        guest_mac: guest?.mac ?? "",
        guest_ip: guest?.ip ?? "",
      });
    }
  }
  return records;
}

const EMPTY = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ""])) as ExportRecord;

/** CSV (RFC 4180: comma, CRLF, quoted where needed, header first) or a JSON array of the same records. */
export function exportFleet(fleet: FleetSnapshot, format: ImportFormat): string {
  const records = exportRecords(fleet);
  if (format === "json") return `${JSON.stringify(records, null, 2)}\n`;
  return stringify(records, { header: true, columns: [...IMPORT_COLUMNS], record_delimiter: "windows" });
}
