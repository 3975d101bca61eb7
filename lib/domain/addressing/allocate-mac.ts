/**
 * Guest MAC allocation: 52:54:00:xx:xx:xx (QEMU/KVM's locally administered
 * prefix, what libvirt itself picks), unique fleet-wide, never handed out twice.
 *
 * Contract with the database layer (this function holds no state):
 * - `last`: the last MAC the allocator issued (a persisted counter that only
 *   allocations move), or null for a new fleet. The search starts just above
 *   it, so issued MACs are not reconsidered on every call.
 * - `used`: every MAC ever written to the inventory in the searched range,
 *   typed or allocated, deleted or not (a tombstone table). A MAC freed by
 *   deleting a guest is never re-issued: a stale ARP cache or DHCP lease
 *   elsewhere in the bank may still point at it.
 *
 * The answer is the next never-used MAC above `last`; past the top of the
 * range it wraps around to the lowest never-used one, and it fails only when
 * every MAC of the range has been used. Typed MACs never move `last`: in the
 * incident this replaces, one guest typed as 52:54:00:ff:ff:ff raised a
 * high-water mark to the top, and every later allocation in the fleet failed.
 */
import { err, ok, type Result } from "../result";
import { bigIntToMac, macToBigInt, type Mac } from "../values/mac";

export type MacRange = { first: Mac; last: Mac };

export type MacAllocationInput = {
  last?: Mac | null;
  used?: Iterable<Mac>;
  /** 52:54:00:00:00:01-52:54:00:ff:ff:ff unless narrowed (tests, or a window of it). */
  range?: MacRange;
};

export const KVM_PREFIX = "52:54:00";
// :00:00:00 is skipped: an all-zero NIC part reads as "unset" in logs.
export const KVM_RANGE: MacRange = { first: "52:54:00:00:00:01" as Mac, last: "52:54:00:ff:ff:ff" as Mac };

export function isKvmMac(mac: Mac): boolean {
  return mac.startsWith(`${KVM_PREFIX}:`);
}

export function allocateMac(input: MacAllocationInput): Result<Mac> {
  const range = input.range ?? KVM_RANGE;
  const [first, top] = [macToBigInt(range.first), macToBigInt(range.last)];
  const span = `${range.first}-${range.last}`;
  let start = first;
  if (input.last != null) {
    const last = macToBigInt(input.last);
    if (last < first || last > top) return err(`last issued MAC ${input.last} is not in ${span}`);
    start = last + 1n;
  }
  const used = sortedWithin(input.used ?? [], first, top);
  const found = firstUnused(used, start, top) ?? firstUnused(used, first, start - 1n);
  if (found === null) return err(`every MAC of ${span} (${top - first + 1n}) has been used; none is left to issue`);
  return ok(bigIntToMac(found));
}

function sortedWithin(macs: Iterable<Mac>, first: bigint, top: bigint): bigint[] {
  const inRange = new Set<bigint>();
  for (const mac of macs) {
    const n = macToBigInt(mac);
    if (n >= first && n <= top) inRange.add(n);
  }
  return [...inRange].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The lowest value in [from, to] not in `used` (ascending): one pass, however wide the range. */
function firstUnused(used: readonly bigint[], from: bigint, to: bigint): bigint | null {
  let candidate = from;
  for (const n of used) {
    if (n < candidate) continue;
    if (n > candidate) break;
    candidate++;
  }
  return candidate <= to ? candidate : null;
}
