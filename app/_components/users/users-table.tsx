"use client";

import { useQuery } from "@tanstack/react-query";
import { usersQuery } from "@/app/_client/api-queries";
import { FormAlert } from "../form/form-alert";
import { UserRowControls } from "./user-row-controls";

/** Everyone who can sign in, with their role and whether they still may; the server seeds the list. */
export function UsersTable({ currentUserId }: { currentUserId: number | null }) {
  const query = useQuery(usersQuery());
  const users = query.data?.users ?? [];
  return (
    <div className="space-y-2">
      <FormAlert error={query.error} />
      <table className="data-table" aria-label="Users">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRowControls key={u.id} user={u} isSelf={u.id === currentUserId} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
