import { parseRowId } from "@/lib/server/errors/parse-row-id";
import type { Tx } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors/app-error";
import { HOST_INCLUDE } from "./to-views";

/** Host ids come from URLs as text; anything but a positive integer is simply not found. */
export function parseHostId(raw: string): number {
  return parseRowId(raw, "host");
}

/** A host with its branch (and the branch's gateway) and guest; 404 when there is none. */
export async function findHost(tx: Tx, id: number) {
  const host = await tx.host.findUnique({
    where: { id },
    include: { ...HOST_INCLUDE, branch: { include: { gateway: true } } },
  });
  if (!host) throw notFound(`host ${id}`);
  return host;
}
