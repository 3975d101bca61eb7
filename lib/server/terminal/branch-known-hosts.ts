import { knownHostsText, type KnownHostsEntry } from "@/lib/domain/terminal/known-hosts";
import type { KnownHostsResponse } from "@/lib/domain/terminal/ssh-access-views";
import { db } from "@/lib/server/db/client";
import { findBranch } from "@/lib/server/inventory/find-branch";
import { knownHostsEntry } from "./ssh-access";

/**
 * A branch's known_hosts snippet: its gateway and every host, each filed under
 * its hostname (the HostKeyAlias the ssh lines use). A box whose key is not
 * stored yet (only pinned by fingerprint) is a comment naming the pin.
 */
export async function branchKnownHosts(branchCode: string): Promise<KnownHostsResponse> {
  const branch = await findBranch(db(), branchCode);
  const hosts = await db().host.findMany({
    where: { branchId: branch.id },
    orderBy: { hostname: "asc" },
    select: { hostname: true, hostKeyFingerprint: true, hostPublicKey: true },
  });
  const entries: KnownHostsEntry[] = [];
  const gw = branch.gateway;
  if (gw) entries.push(knownHostsEntry(`gateway of ${branch.code}`, gw.hostname, gw));
  for (const h of hosts) entries.push(knownHostsEntry(`host of ${branch.code}`, h.hostname, h));
  return { branchCode: branch.code, text: knownHostsText(branch.code, entries), entries };
}
