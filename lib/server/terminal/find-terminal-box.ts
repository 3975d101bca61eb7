import { ZBoxRef, type BoxRef } from "@/lib/domain/terminal/terminal-protocol";
import { db } from "@/lib/server/db/client";

/**
 * A box as a techie names it on the command line: a host's or a gateway's
 * hostname (any case), a guest's name (the desktop's Windows name), or
 * `host:12` / `gateway:3`. Null when nothing matches; an error when a name is ambiguous.
 */
export async function findTerminalBox(name: string): Promise<BoxRef | null> {
  const ref = ZBoxRef.safeParse(name);
  if (ref.success) return ref.data;
  const wanted = name.trim().toLowerCase();
  if (!/^[a-z0-9._-]{1,253}$/.test(wanted)) return null;
  const [host, gateway, guest] = await Promise.all([
    db().host.findFirst({ where: { hostname: wanted }, select: { id: true } }),
    db().gateway.findFirst({ where: { hostname: wanted }, select: { id: true } }),
    db().guest.findFirst({
      where: { OR: [{ name: name.trim() }, { name: name.trim().toUpperCase() }] },
      select: { hostId: true },
    }),
  ]);
  if (host && gateway)
    throw new Error(`"${name}" is both a host and a gateway: say host:${host.id} or gateway:${gateway.id}`);
  if (host) return { kind: "host", id: host.id };
  if (gateway) return { kind: "gateway", id: gateway.id };
  if (guest) return { kind: "host", id: guest.hostId };
  return null;
}
