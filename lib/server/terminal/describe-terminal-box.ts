import type { BoxRef } from "@/lib/domain/terminal/terminal-protocol";
import { db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";

export type TerminalBoxSummary = {
  ref: BoxRef;
  hostname: string;
  branchCode: string;
  /** The page the box is shown on: the host page, or its branch's page for a gateway. */
  href: string;
};

/** Names a box for the terminal page's title and its way back; 404 when there is none. */
export async function describeTerminalBox(ref: BoxRef): Promise<TerminalBoxSummary> {
  if (ref.kind === "host") {
    const h = await db().host.findUnique({ where: { id: ref.id }, include: { branch: { select: { code: true } } } });
    if (!h) throw notFound(`host ${ref.id}`);
    return { ref, hostname: h.hostname, branchCode: h.branch.code, href: `/hosts/${h.id}` };
  }
  const g = await db().gateway.findUnique({ where: { id: ref.id }, include: { branch: { select: { code: true } } } });
  if (!g) throw notFound(`gateway ${ref.id}`);
  return {
    ref,
    hostname: g.hostname,
    branchCode: g.branch.code,
    href: `/branches/${encodeURIComponent(g.branch.code)}`,
  };
}
