import type { ReplaceHardwareInput } from "@/lib/domain/hardware/hardware-input";
import type { HardwareReplacedResponse } from "@/lib/domain/hardware/hardware-views";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { findHost } from "@/lib/server/inventory/find-host";
import { toHostView } from "@/lib/server/inventory/to-views";
import { swapHardware } from "./swap-hardware";
import { toHostHardwareView } from "./to-hardware-views";

/**
 * "Replace hardware" from the form: the new serial and NIC MAC, the old
 * hardware kept in history, the old key unpinned. The new key is pinned by the
 * trust flow (scan through the gateway, compare, trust), or the swap is done
 * by a one-liner token bound to the host, whose key the token vouches for.
 */
export async function replaceHostHardware(
  actor: Actor,
  hostId: number,
  input: ReplaceHardwareInput,
  now = new Date(),
): Promise<HardwareReplacedResponse> {
  return writeTransaction(actor, async (tx, audit) => {
    const host = await findHost(tx, hostId);
    if (host.state === "retired") throw new AppError("conflict", `${host.hostname} is retired: its hardware is gone`);
    const next = {
      serial: input.serial,
      nicMac: input.nicMac,
      bridge: input.bridge ?? host.bridge,
      key: null,
      reason: input.reason ?? null,
      via: "the Replace hardware form",
    };
    const row = await swapHardware(tx, audit, host, next, actor.username, now, { requireChange: true });
    const replaced = await tx.hostHardware.findFirstOrThrow({ where: { hostId }, orderBy: { id: "desc" } });
    const next_ =
      `Trust the new box's host key (scan through the gateway), then apply ${host.branch.code}'s rules: ` +
      "the gateway's rules name the host's link-local address, the host's own rules are new to the box.";
    return { host: toHostView(row), replaced: toHostHardwareView(replaced), next: next_ };
  });
}
