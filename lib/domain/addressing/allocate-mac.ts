/**
 * Guest MAC allocation: 52:54:00:xx:xx:xx (QEMU/KVM's locally administered
 * prefix, what libvirt itself picks), unique fleet-wide, never handed out twice.
 *
 * Contract with the database layer (this function holds no state):
 * - `highWater`: the highest MAC Branchdesk has ever issued (a single persisted
 *   counter row), or null for a new fleet. The answer is always strictly above
 *   it, so a MAC freed by deleting a guest is never re-issued: a stale ARP
 *   cache or DHCP lease elsewhere in the bank may still point at it. After a
 *   successful allocation the caller stores the answer as the new high-water
 *   mark, in the same transaction that inserts the guest.
 * - `taken`: MACs that must not be returned although they may be above the
 *   mark: every MAC currently in the inventory (operators may type their own
 *   52:54:00 addresses), and, if the caller keeps no counter, every MAC ever
 *   issued (a tombstone table). Passing only the live inventory without a
 *   counter would re-issue deleted guests' MACs; that is the caller's bug.
 * Either form alone is sufficient when it is complete; both together are the
 * belt and braces the database layer is expected to use. The database's unique
 * constraint on guest MAC is the final backstop against concurrent enrolments.
 */
import { err, ok, type Result } from "../result";
import { bigIntToMac, macToBigInt, type Mac } from "../values/mac";

export type MacAllocationInput = {
  highWater?: Mac | null;
  taken?: Iterable<Mac>;
};

export const KVM_PREFIX = "52:54:00";
const FIRST = 0x525400000001n; // :00:00:00 is skipped: an all-zero NIC part reads as "unset" in logs
const LAST = 0x525400ffffffn;

export function isKvmMac(mac: Mac): boolean {
  return mac.startsWith(`${KVM_PREFIX}:`);
}

export function allocateMac(input: MacAllocationInput): Result<Mac> {
  const taken = new Set<bigint>();
  for (const mac of input.taken ?? []) taken.add(macToBigInt(mac));
  let next = FIRST;
  if (input.highWater != null) {
    const mark = macToBigInt(input.highWater);
    if (mark < FIRST - 1n || mark > LAST) {
      return err(`highWater: ${input.highWater} is not a ${KVM_PREFIX}:xx:xx:xx address Branchdesk could have issued`);
    }
    next = mark + 1n;
  }
  while (next <= LAST && taken.has(next)) next++;
  if (next > LAST) return err(`highWater: the ${KVM_PREFIX}:xx:xx:xx range is exhausted; no MAC left to issue`);
  return ok(bigIntToMac(next));
}
