import path from "node:path";
import type { LabGateway, LabHost, LabInventory } from "./inventory";

/**
 * Every namespace of a run, by the name tests use: "hq", a gateway or host
 * hostname ("br-0001-gw", "br-0001-h01"), a guest name ("BR0001-WS01") or a
 * switch ("br-0001-sw"). Namespace names are accepted too.
 */
export type Box =
  | { kind: "hq" | "switch"; name: string; netns: string }
  | { kind: "gateway"; name: string; netns: string; dir: string; gateway: LabGateway }
  | { kind: "host"; name: string; netns: string; dir: string; host: LabHost }
  | { kind: "guest"; name: string; netns: string; host: LabHost };

/** Where a box's generated files (sshd_config, host key, shims, pid files) live. */
export function boxDir(runDir: string, netns: string): string {
  return path.join(runDir, "boxes", netns);
}

export function boxTable(inv: LabInventory): Map<string, Box> {
  const boxes: Box[] = [{ kind: "hq", name: "hq", netns: inv.hq.netns }];
  for (const b of inv.branches) {
    boxes.push({ kind: "switch", name: `${b.code.toLowerCase()}-sw`, netns: b.switchNetns });
    const gw = b.gateway;
    boxes.push({ kind: "gateway", name: gw.hostname, netns: gw.netns, dir: boxDir(inv.runDir, gw.netns), gateway: gw });
    for (const h of b.hosts) {
      boxes.push({ kind: "host", name: h.hostname, netns: h.netns, dir: boxDir(inv.runDir, h.netns), host: h });
      boxes.push({ kind: "guest", name: h.guest.name, netns: h.guest.netns, host: h });
    }
  }
  const table = new Map<string, Box>();
  for (const box of boxes) {
    table.set(box.name, box);
    table.set(box.netns, box);
  }
  return table;
}

export function findBox(table: Map<string, Box>, name: string): Box {
  const box = table.get(name);
  if (!box) {
    const sample = [...new Set(table.values())]
      .slice(0, 6)
      .map((b) => b.name)
      .join(", ");
    throw new Error(`no lab box named ${JSON.stringify(name)} (boxes are e.g. ${sample}, …)`);
  }
  return box;
}

/** A host, found by its hostname, its guest's name or either namespace. */
export function findHost(table: Map<string, Box>, name: string): LabHost {
  const box = findBox(table, name);
  if (box.kind === "host" || box.kind === "guest") return box.host;
  throw new Error(`lab box ${JSON.stringify(name)} is a ${box.kind}, not a host or guest`);
}

export function findSshBox(table: Map<string, Box>, name: string): Extract<Box, { kind: "gateway" | "host" }> {
  const box = findBox(table, name);
  if (box.kind === "gateway" || box.kind === "host") return box;
  throw new Error(`lab box ${JSON.stringify(name)} is a ${box.kind}; only gateways and hosts run sshd`);
}
