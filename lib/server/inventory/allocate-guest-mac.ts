import { allocateMac, isKvmMac, KVM_PREFIX, KVM_RANGE, type MacRange } from "@/lib/domain/addressing/allocate-mac";
import type { Result } from "@/lib/domain/result";
import { bigIntToMac, macToBigInt, type Mac } from "@/lib/domain/values/mac";
import type { Tx } from "@/lib/server/db/client";

const COUNTER = "guest-mac";
// The counter (a 32-bit Int column) holds the low 24 bits: the offset inside 52:54:00:xx:xx:xx.
const BASE = 0x525400000000n;

/**
 * The next guest MAC: the first never-used one above the last MAC the
 * allocator issued (the Counter row), wrapping around to the lowest
 * never-used one at the top of the range. "Never used" is the UsedMac
 * tombstone table plus the live rows (belt and braces for rows written
 * around the services, as seed factories do). Moves the counter in the
 * caller's transaction, so it commits with the new guest.
 */
export async function allocateGuestMac(tx: Tx, alsoTaken: readonly Mac[] = []): Promise<Result<Mac>> {
  const counter = await tx.counter.findUnique({ where: { name: COUNTER } });
  const last = counter && counter.value > 0 ? bigIntToMac(BASE + BigInt(counter.value)) : null;
  // Above the counter is all a healthy fleet has to read; the whole range only once that window is full.
  const above: MacRange | null =
    last === null
      ? KVM_RANGE
      : last === KVM_RANGE.last
        ? null
        : { first: bigIntToMac(macToBigInt(last) + 1n), last: KVM_RANGE.last };
  const used = async (from: Mac) => [...alsoTaken, ...(await loadUsedMacs(tx, from))];
  let mac = above ? allocateMac({ range: above, used: await used(above.first) }) : null;
  if (!mac?.ok) mac = allocateMac({ last, used: await used(KVM_RANGE.first) });
  if (mac.ok) {
    const value = Number(macToBigInt(mac.value) - BASE);
    await tx.counter.upsert({ where: { name: COUNTER }, create: { name: COUNTER, value }, update: { value } });
  }
  return mac;
}

/** Every 52:54:00 MAC at or above `from` that the inventory holds or ever held. */
async function loadUsedMacs(tx: Tx, from: Mac): Promise<Mac[]> {
  // Fixed-width lower-case hex with colons in the same places: text order is numeric order.
  const kvm = { startsWith: `${KVM_PREFIX}:`, gte: from };
  const [used, hosts, guests] = [
    await tx.usedMac.findMany({ where: { mac: kvm }, select: { mac: true } }),
    await tx.host.findMany({ where: { nicMac: kvm }, select: { nicMac: true } }),
    await tx.guest.findMany({ where: { mac: kvm }, select: { mac: true } }),
  ];
  return [...used.map((u) => u.mac), ...hosts.map((h) => h.nicMac), ...guests.map((g) => g.mac)] as Mac[];
}

/**
 * Remembers MACs written to the inventory, allocated or typed, so the
 * allocator never issues them (again). Only 52:54:00 MACs can collide with it.
 */
export async function recordUsedMacs(tx: Tx, macs: readonly (Mac | null | undefined)[]): Promise<void> {
  for (const mac of new Set(macs)) {
    if (mac && isKvmMac(mac)) await tx.usedMac.upsert({ where: { mac }, create: { mac }, update: {} });
  }
}
