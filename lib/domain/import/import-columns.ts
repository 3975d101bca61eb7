/**
 * The import/export format: one record per host, carrying its branch, the
 * branch's gateway and the host's guest. Branch and gateway columns repeat on
 * every host of the branch (a spreadsheet filter then shows a whole branch);
 * a record with no hostname describes only a branch (and its gateway). An
 * empty cell means "keep what the fleet has" for an existing record, and the
 * form's default (or "not given") for a new one.
 */
export const BRANCH_COLUMNS = {
  code: "branch_code",
  name: "branch_name",
  region: "region",
  lanCidr: "lan_cidr",
  linkLocalPool: "link_local_pool",
  gatewayLinkLocalIp: "gateway_link_local_ip",
} as const;

export const GATEWAY_COLUMNS = {
  hostname: "gateway_hostname",
  sshAddress: "gateway_ssh_address",
  sshPort: "gateway_ssh_port",
  sshUser: "gateway_ssh_user",
  lanIfname: "gateway_lan_ifname",
  lanIp: "gateway_lan_ip",
} as const;

export const HOST_COLUMNS = {
  hostname: "hostname",
  serial: "serial",
  nicMac: "nic_mac",
  bridge: "bridge",
  linkLocalIp: "link_local_ip",
  sshUser: "ssh_user",
  state: "state",
  hostKeyFingerprint: "host_key_fingerprint",
} as const;

export const GUEST_COLUMNS = {
  name: "guest_name",
  domain: "guest_domain",
  mac: "guest_mac",
  ip: "guest_ip",
} as const;

export const IMPORT_COLUMNS = [
  ...Object.values(BRANCH_COLUMNS),
  ...Object.values(GATEWAY_COLUMNS),
  ...Object.values(HOST_COLUMNS),
  ...Object.values(GUEST_COLUMNS),
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const KNOWN = new Set<string>(IMPORT_COLUMNS);

/** "Guest IP", " guest-ip ", "GUEST_IP" -> "guest_ip": spreadsheets retitle headers freely. */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, "_");
}

export function isImportColumn(name: string): name is ImportColumn {
  return KNOWN.has(name);
}

/** The column a field error of an entity lands in ("guest.ip" of a host -> guest_ip). */
export function columnOf(columns: Record<string, string>, field: string, fallback: ImportColumn): ImportColumn {
  const column = columns[field];
  return column && isImportColumn(column) ? column : fallback;
}
