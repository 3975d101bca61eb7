import type { RetireHostInput } from "@/lib/domain/hardware/hardware-input";
import type { HostRetiredResponse } from "@/lib/domain/hardware/hardware-views";
import { ZStartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { toAppError } from "@/lib/server/errors/to-app-error";
import { findHost } from "@/lib/server/inventory/find-host";
import { HOST_INCLUDE, toHostView } from "@/lib/server/inventory/to-views";
import { startRollout } from "@/lib/server/rollouts/start-rollout";
import { coolingOffDays } from "./cooling-off-days";
import { toAddressHoldView } from "./to-hardware-views";

export type RetireOptions = {
  now?: Date;
  days?: number;
  /** Tests without a lab: how the branch rollout is started (default startRollout, in the background). */
  start?: (actor: Actor, branchCode: string) => Promise<{ id: number }>;
};

const startBranchRollout = async (actor: Actor, branchCode: string) =>
  startRollout(actor, ZStartRolloutInput.parse({ branchCodes: [branchCode] }));

/**
 * Retires a host: marks it retired (rule sets leave retired hosts out, so the
 * branch rollout started next removes its rules from the gateway), and holds
 * its link-local address and guest MAC for the cooling-off period. The row
 * stays, as history; deleting it later does not end the hold. When the
 * rollout cannot start (no gateway, a rollout already holds the branch), the
 * host is retired anyway and the answer says why, so the techie applies later.
 */
export async function retireHost(
  actor: Actor,
  hostId: number,
  input: RetireHostInput,
  options: RetireOptions = {},
): Promise<HostRetiredResponse> {
  const now = options.now ?? new Date();
  const days = options.days ?? coolingOffDays();
  const until = new Date(now.getTime() + days * 86_400_000);
  const done = await writeTransaction(actor, async (tx, audit) => {
    const host = await findHost(tx, hostId);
    if (host.state === "retired") throw new AppError("conflict", `${host.hostname} is already retired`);
    const row = await tx.host.update({
      where: { id: host.id },
      data: { state: "retired", retiredAt: now },
      include: HOST_INCLUDE,
    });
    const wanted = [
      { kind: "link-local", branchId: host.branchId, value: host.linkLocalIp },
      ...(host.guest ? [{ kind: "guest-mac", branchId: null, value: host.guest.mac }] : []),
    ];
    const holds =
      days > 0
        ? await Promise.all(
            wanted.map((w) =>
              tx.addressHold.create({ data: { ...w, hostId: host.id, hostname: host.hostname, until } }),
            ),
          )
        : [];
    const held = holds.map((h) => h.value).join(" and ");
    const why = input.reason ? ` (${input.reason})` : "";
    const holding = held ? `; ${held} held until ${until.toISOString()}` : "; no cooling-off (0 days)";
    const summary = `retired host ${host.hostname} in ${host.branch.code}${why}${holding}`;
    audit({ type: "host", id: host.id, action: "host.retire" }, toHostView(host), toHostView(row), summary);
    return { row, holds, branchCode: host.branch.code, hasGateway: host.branch.gateway !== null };
  });
  let rollout: { id: number } | null = null;
  let rolloutError: string | null = null;
  if (!input.rollout) rolloutError = "not asked for: apply the branch's rules to remove the host's rules";
  else if (!done.hasGateway) rolloutError = `${done.branchCode} has no gateway: there are no rules to remove`;
  else {
    try {
      const started = await (options.start ?? startBranchRollout)(actor, done.branchCode);
      rollout = { id: started.id };
    } catch (error) {
      rolloutError = `the rollout did not start: ${toAppError(error).message}`;
    }
  }
  return { host: toHostView(done.row), holds: done.holds.map(toAddressHoldView), rollout, rolloutError };
}
