/**
 * Seed factories shared by tests (and demo seeding): realistic rows built from
 * documentation ranges only (198.18.0.0/15 LANs, 203.0.113.0/24 SSH
 * addresses) and 169.254.0.0/16. Each call takes the next sequence number, so
 * rows never collide within one database.
 *
 * `*Input` return raw JSON-like objects (what a client sends; run them through
 * the zod schemas); `make*` write rows directly, bypassing services and audit.
 */
import type { Role } from "@/lib/domain/role";
import { db as processDb, type Db } from "@/lib/server/db/client";
import { hashPassword } from "@/lib/server/auth/password";

let seq = 0;
const next = () => ++seq;
const pad = (n: number, width = 4) => String(n).padStart(width, "0");
const hex = (n: number) =>
  [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((b) => b.toString(16).padStart(2, "0")).join(":");

/**
 * Branch n is BR-9nnnn (hand-written tests use low codes like BR-0042) with LAN
 * 198.18.n.0/24 (198.18.0.0/15 holds 512 of them).
 */
export function branchInput(over: Record<string, unknown> = {}) {
  const n = next();
  return {
    code: `BR-9${pad(n)}`,
    name: `Branch ${n}`,
    region: n % 2 ? "North" : "South",
    lanCidr: `198.${18 + ((n >> 8) & 1)}.${n & 255}.0/24`,
    ...over,
  };
}

/** The gateway takes .1 of the branch LAN; pass `lanCidr` to derive it. */
export function gatewayInput(lanCidr: string, over: Record<string, unknown> = {}) {
  const n = next();
  return {
    hostname: `gw-${pad(n)}`,
    sshAddress: `203.0.113.${(n % 250) + 1}`,
    lanIfname: "eth1",
    lanIp: lanCidr.replace(/0\/\d+$/, "1"),
    ...over,
  };
}

/** Host NICs use the locally administered 02:00:00 prefix, outside the guest allocator's 52:54:00. */
export function hostInput(over: Record<string, unknown> = {}) {
  const n = next();
  return { hostname: `host-${pad(n, 5)}`, serial: `SN-${pad(n, 6)}`, nicMac: `02:00:00:${hex(n)}`, ...over };
}

/** Guest n of a LAN gets .(10 + n % 240); guest MACs use 06:00:00 unless the allocator is wanted. */
export function guestInput(lanCidr: string, over: Record<string, unknown> = {}) {
  const n = next();
  return {
    name: `win-${pad(n)}`,
    domain: `win-${pad(n)}`,
    mac: `06:00:00:${hex(n)}`,
    ip: lanCidr.replace(/0\/\d+$/, String(10 + (n % 240))),
    ...over,
  };
}

export async function makeBranch(over: Record<string, unknown> = {}, db: Db = processDb()) {
  const { code, name, region, lanCidr, ...rest } = branchInput(over) as ReturnType<typeof branchInput> &
    Record<string, string>;
  return db.branch.create({ data: { code, name, region, lanCidr, ...rest }, include: { gateway: true } });
}

export async function makeGateway(
  branch: { id: number; lanCidr: string },
  over: Record<string, unknown> = {},
  db: Db = processDb(),
) {
  const g = gatewayInput(branch.lanCidr, over) as ReturnType<typeof gatewayInput>;
  return db.gateway.create({ data: { ...g, branchId: branch.id } });
}

/** A host at 169.254.1.(n+1)-ish with, unless `guest: false`, a guest on the branch LAN. */
export async function makeHost(
  branch: { id: number; lanCidr: string },
  over: Record<string, unknown> & { guest?: Record<string, unknown> | false } = {},
  db: Db = processDb(),
) {
  const { guest: guestOver, ...hostOver } = over;
  const h = hostInput(hostOver) as ReturnType<typeof hostInput> & { linkLocalIp?: string };
  const n = seq;
  const linkLocalIp = h.linkLocalIp ?? `169.254.${2 + ((n >> 8) % 250)}.${n & 255 || 1}`;
  const guest = guestOver === false ? null : guestInput(branch.lanCidr, guestOver ?? {});
  return db.host.create({
    data: {
      ...h,
      linkLocalIp,
      branchId: branch.id,
      guest: guest ? { create: { ...guest, branchId: branch.id } } : undefined,
    },
    include: { guest: true, branch: { select: { code: true } } },
  });
}

export async function makeUser(
  role: Role,
  over: { username?: string; password?: string; disabled?: boolean } = {},
  db: Db = processDb(),
) {
  const username = over.username ?? `${role}-${pad(next())}`;
  const passwordHash = await hashPassword(over.password ?? "correct horse battery");
  return db.user.create({ data: { username, role, passwordHash, disabled: over.disabled ?? false } });
}
