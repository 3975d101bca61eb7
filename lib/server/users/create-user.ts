import type { CreateUserInput } from "@/lib/domain/users/user-input";
import type { UserView } from "@/lib/domain/inventory/account-views";
import type { Actor } from "@/lib/server/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { assertValid } from "@/lib/server/errors/assert-valid";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { toUserView } from "./to-user-view";

export async function createUser(actor: Actor, input: CreateUserInput): Promise<UserView> {
  // The KDF takes ~100 ms: hash before the transaction so it holds no lock meanwhile.
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
    assertValid(taken ? { username: [`${input.username} is taken`] } : {}, `user ${input.username} cannot be created`);
    const row = await tx.user.create({ data: { username: input.username, role: input.role, passwordHash } });
    const view = toUserView(row);
    await recordAuditEvent(tx, {
      actor: actor.username, action: "user.create", entityType: "user", entityId: row.id,
      summary: `created user ${row.username} (${row.role})`, after: view,
    });
    return view;
  });
}
