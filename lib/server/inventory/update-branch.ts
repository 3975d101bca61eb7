import type { UpdateBranchInput } from "@/lib/domain/inventory/branch-input";
import { checkBranch, EMPTY_BRANCH, type BranchContext } from "@/lib/domain/inventory/check-branch";
import type { BranchWriteResponse } from "@/lib/domain/inventory/inventory-views";
import { branchWarnings, withWarnings } from "@/lib/domain/inventory/link-local-warnings";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Actor } from "@/lib/server/auth/actor";
import type { Tx } from "@/lib/server/db/client";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { assertValid } from "@/lib/server/errors/app-error";
import { branchAddressing, findBranch, type BranchRow } from "./find-branch";
import { loadOtherLans } from "./load-other-lans";
import { toBranchView, toBranchWithGateway } from "./to-views";

/** Edits a branch; a new LAN or pool must still hold every guest, host and the gateway already there. */
export async function updateBranch(actor: Actor, code: string, input: UpdateBranchInput): Promise<BranchWriteResponse> {
  return writeTransaction(actor, async (tx, audit) => {
    const branch = await findBranch(tx, code);
    const next = { ...branchAddressing(branch), ...stripUndefined(input) };
    const ctx = await loadBranchContext(tx, branch, {
      lan: next.lanCidr !== branch.lanCidr,
      linkLocal: next.linkLocalPool !== branch.linkLocalPool || next.gatewayLinkLocalIp !== branch.gatewayLinkLocalIp,
    });
    assertValid(checkBranch(next, ctx), `branch ${branch.code} cannot be changed`);
    const row = await tx.branch.update({
      where: { id: branch.id },
      data: stripUndefined(input),
      include: { gateway: true },
    });
    const changed = Object.keys(stripUndefined(input)).join(", ") || "nothing";
    // Warnings describe the saved branch, whatever this edit touched: the form shows them on its fields.
    const warnings = branchWarnings(next);
    const summary = withWarnings(`changed branch ${row.code}: ${changed}`, warnings);
    audit({ type: "branch", id: row.code }, toBranchView(branch), toBranchView(row), summary);
    return { branch: toBranchWithGateway(row), warnings };
  });
}

/** Only what a change can strand or clash with is read: guests and other LANs for a new LAN, hosts for a new pool. */
async function loadBranchContext(
  tx: Tx,
  branch: BranchRow,
  changes: { lan: boolean; linkLocal: boolean },
): Promise<BranchContext> {
  const ctx: BranchContext = { ...EMPTY_BRANCH, gatewayLanIp: (branch.gateway?.lanIp ?? null) as Ipv4 | null };
  if (changes.lan) {
    const guests = await tx.guest.findMany({
      where: { branchId: branch.id },
      select: { name: true, ip: true },
      orderBy: { ip: "asc" },
    });
    ctx.guests = guests.map((g) => ({ value: g.ip, owner: `guest ${g.name}` }));
    ctx.otherLans = await loadOtherLans(tx, { branchId: branch.id });
  }
  if (changes.linkLocal) {
    const hosts = await tx.host.findMany({
      where: { branchId: branch.id },
      select: { hostname: true, linkLocalIp: true },
      orderBy: { hostname: "asc" },
    });
    ctx.hosts = hosts.map((h) => ({ value: h.linkLocalIp, owner: `host ${h.hostname}` }));
  }
  return ctx;
}

function stripUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
