import type { CreateUserInput } from "@/lib/domain/users/user-input";
import type { UserView } from "@/lib/domain/users/user-views";
import type { Actor } from "@/lib/server/auth/actor";
import { hashPassword } from "@/lib/server/auth/password";
import { writeTransaction } from "@/lib/server/db/write-transaction";
import { assertValid } from "@/lib/server/errors/app-error";
import { toUserView } from "./to-user-view";

export async function createUser(actor: Actor, input: CreateUserInput): Promise<UserView> {
  // The KDF takes ~100 ms: hash before the transaction so it holds no lock meanwhile.
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(actor, async (tx, audit) => {
    const taken = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
    assertValid(taken ? { username: [`${input.username} is taken`] } : {}, `user ${input.username} cannot be created`);
    const row = await tx.user.create({ data: { username: input.username, role: input.role, passwordHash } });
    const view = toUserView(row);
    audit({ type: "user", id: row.id }, null, view, `created user ${row.username} (${row.role})`);
    return view;
  });
}
