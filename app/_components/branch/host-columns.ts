import type { HostView } from "@/lib/domain/inventory/inventory-views";

/** Columns the hosts table sorts by, and how to read each from a host. */
export const HOST_SORT_COLUMNS = {
  hostname: (h: HostView) => h.hostname,
  state: (h: HostView) => h.state,
  linkLocalIp: (h: HostView) => h.linkLocalIp,
  nicMac: (h: HostView) => h.nicMac,
  guestIp: (h: HostView) => h.guest?.ip,
  guestMac: (h: HostView) => h.guest?.mac,
} as const;

export type HostSortColumn = keyof typeof HOST_SORT_COLUMNS;

/** A techie pastes whatever they have: part of a hostname, serial, an IP or a MAC. */
export function hostMatches(host: HostView, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [
    host.hostname,
    host.serial,
    host.nicMac,
    host.linkLocalIp,
    host.guest?.name,
    host.guest?.ip,
    host.guest?.mac,
  ].some((v) => v?.toLowerCase().includes(needle));
}
