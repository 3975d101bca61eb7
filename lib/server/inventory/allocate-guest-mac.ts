import { allocateMac, isKvmMac, KVM_PREFIX } from "@/lib/domain/addressing/allocate-mac";
import type { Result } from "@/lib/domain/result";
import { bigIntToMac, macToBigInt, type Mac } from "@/lib/domain/values/mac";
import type { Tx } from "@/lib/server/db/client";

const COUNTER = "guest-mac";
// The counter (a 32-bit Int column) holds the low 24 bits: the offset inside 52:54:00:xx:xx:xx.
const BASE = 0x525400000000n;

/**
 * The next guest MAC, above the high-water mark kept in the Counter table, so
 * a MAC is never issued twice even after its guest is deleted (stale ARP
 * caches and DHCP leases elsewhere may still point at it). Raises the mark in
 * the caller's transaction, so the mark and the new guest commit together.
 */
export async function allocateGuestMac(tx: Tx, alsoTaken: readonly Mac[] = []): Promise<Result<Mac>> {
  const counter = await tx.counter.findUnique({ where: { name: COUNTER } });
  const highWater = counter ? bigIntToMac(BASE + BigInt(counter.value)) : null;
  // Operators may type their own 52:54:00 MACs; those above the mark are skipped.
  const floor = highWater ?? (`${KVM_PREFIX}:00:00:00` as Mac);
  const kvm = { startsWith: `${KVM_PREFIX}:`, gt: floor };
  const hosts = await tx.host.findMany({ where: { nicMac: kvm }, select: { nicMac: true } });
  const guests = await tx.guest.findMany({ where: { mac: kvm }, select: { mac: true } });
  const taken = [...alsoTaken, ...hosts.map((h) => h.nicMac as Mac), ...guests.map((g) => g.mac as Mac)];
  const mac = allocateMac({ highWater, taken });
  if (mac.ok) await raiseMacHighWater(tx, mac.value);
  return mac;
}

/**
 * Any 52:54:00 MAC written to the inventory, allocated or typed, raises the
 * mark: nothing the fleet has ever used is handed out later.
 */
export async function raiseMacHighWater(tx: Tx, mac: Mac): Promise<void> {
  if (!isKvmMac(mac)) return;
  const value = Number(macToBigInt(mac) - BASE);
  const counter = await tx.counter.findUnique({ where: { name: COUNTER } });
  if (!counter) await tx.counter.create({ data: { name: COUNTER, value } });
  else if (counter.value < value) await tx.counter.update({ where: { name: COUNTER }, data: { value } });
}
