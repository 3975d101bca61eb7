import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { usersQuery } from "@/app/_client/api-queries";
import { PageHeader } from "@/app/_components/page-header";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { NewUserForm } from "@/app/_components/users/new-user-form";
import { UsersTable } from "@/app/_components/users/users-table";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

/** Admins manage who can sign in and with which role. */
export default async function UsersPage() {
  const actor = await guard("admin", "page");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        context="viewers read; operators also push rules and open SSH; admins also edit inventory and users"
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <SeededQueries seeds={[seed(usersQuery(), { users })]}>
          <UsersTable currentUserId={actor.userId} />
        </SeededQueries>
        <NewUserForm />
      </div>
    </>
  );
}
