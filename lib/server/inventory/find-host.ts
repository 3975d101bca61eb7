import type { Tx } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { HOST_INCLUDE } from "./to-views";

/** Host ids come from URLs as text; anything but a positive integer is simply not found. */
export function parseHostId(raw: string): number {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  // Ids are 32-bit on PostgreSQL: a larger number would be a database error, not a 404.
  if (!(id <= 2 ** 31 - 1)) throw notFound(`host ${raw}`);
  return id;
}

/** A host with its branch (and the branch's gateway) and guest; 404 when there is none. */
export async function findHost(tx: Tx, id: number) {
  const host = await tx.host.findUnique({ where: { id }, include: { ...HOST_INCLUDE, branch: { include: { gateway: true } } } });
  if (!host) throw notFound(`host ${id}`);
  return host;
}
