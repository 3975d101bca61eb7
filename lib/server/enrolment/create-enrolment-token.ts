import type { CreateEnrolmentTokenInput } from "@/lib/domain/enrolment/enrolment-input";
import type { EnrolmentTokenCreatedResponse } from "@/lib/domain/enrolment/enrolment-views";
import { cidrContains, parseCidr } from "@/lib/domain/values/cidr";
import type { Actor } from "@/lib/server/auth/actor";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { AppError } from "@/lib/server/errors/app-error";
import { findBranch } from "@/lib/server/inventory/find-branch";
import { enrolmentOneLiner, enrolmentScript } from "./enrolment-script";
import { hashEnrolmentSecret, newEnrolmentSecret } from "./enrolment-secret";
import { fleetPublicKey } from "./fleet-public-key";
import { toEnrolmentTokenView } from "./to-enrolment-token-view";

/**
 * An admin's enrolment token for a branch: single use, expiring, optionally
 * bound to a serial, a host (hardware swap) or a new host's name and guest IP.
 * The secret is answered once, with the one-liner and the paste-able script;
 * only its hash is stored, and the audit event never names it.
 */
export async function createEnrolmentToken(
  actor: Actor,
  branchCode: string,
  input: CreateEnrolmentTokenInput,
  origin: string,
  now = new Date(),
): Promise<EnrolmentTokenCreatedResponse> {
  // Fail now, not on the box: the script must carry the key.
  const fleetKey = input.installFleetKey ? await fleetPublicKey() : null;
  const secret = newEnrolmentSecret();
  const row = await writeTransaction(actor, async (tx, audit) => {
    const branch = await findBranch(tx, branchCode);
    const lan = parseCidr(branch.lanCidr);
    if (input.guestIp && lan.ok && !cidrContains(lan.value, input.guestIp)) {
      const message = `${input.guestIp} is outside ${branch.code}'s LAN ${branch.lanCidr}`;
      throw new AppError("validation", `the token cannot be created — guestIp: ${message}`, { guestIp: [message] });
    }
    if (input.hostId !== undefined) {
      const host = await tx.host.findUnique({ where: { id: input.hostId } });
      if (!host || host.branchId !== branch.id || host.state === "retired") {
        const message = `host ${input.hostId} is not a live host of ${branch.code}`;
        throw new AppError("validation", `the token cannot be created — hostId: ${message}`, { hostId: [message] });
      }
    }
    const t = await tx.enrolmentToken.create({
      data: {
        tokenHash: hashEnrolmentSecret(secret),
        branchId: branch.id,
        hostId: input.hostId ?? null,
        expectedSerial: input.expectedSerial ?? null,
        hostname: input.hostname ?? null,
        guestIp: input.guestIp ?? null,
        installFleetKey: input.installFleetKey,
        createdBy: actor.username,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInHours * 3_600_000),
      },
    });
    const view = toEnrolmentTokenView(t, branch.code, now);
    const bound = [
      t.hostId ? `replacing host ${t.hostId}'s hardware` : null,
      t.expectedSerial ? `serial ${t.expectedSerial}` : null,
      t.installFleetKey ? "installs the fleet key" : null,
    ].filter(Boolean);
    const extra = bound.length > 0 ? `; ${bound.join(", ")}` : "";
    const summary = `created enrolment token #${t.id} for ${branch.code} (expires ${view.expiresAt}${extra})`;
    audit({ type: "branch", id: branch.id, action: "branch.enrolment-token-create" }, null, view, summary);
    return { view, branchCode: branch.code };
  });
  return {
    token: row.view,
    secret,
    url: `${origin}/enrol/${secret}`,
    oneLiner: enrolmentOneLiner(origin, secret),
    script: enrolmentScript({ origin, secret, fleetKey, branchCode: row.branchCode }),
  };
}
