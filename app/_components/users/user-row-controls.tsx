"use client";

import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, usersQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { ROLES } from "@/lib/domain/role";
import type { UserView } from "@/lib/domain/users/user-views";
import { ResetPasswordForm } from "./reset-password-form";

/**
 * Role, access and password for one user. Your own row is read-only here: demoting,
 * disabling or resetting yourself ends your own admin session mid-change; the API also
 * refuses to demote or disable the last enabled admin.
 */
export function UserRowControls({ user, isSelf }: { user: UserView; isSelf: boolean }) {
  const update = useApiMutation<{ role?: string; disabled?: boolean }>({
    method: "PATCH",
    path: apiPaths.user(user.id),
    invalidate: [usersQuery().queryKey, auditQuery().queryKey],
  });
  const roleId = `role-${user.id}`;
  return (
    <tr>
      <td className="font-mono">
        {user.username}
        {isSelf && <span className="ml-1 text-xs text-slate-500">(you)</span>}
      </td>
      <td>
        <label htmlFor={roleId} className="sr-only">
          Role of {user.username}
        </label>
        <select
          id={roleId}
          className="input w-32"
          value={user.role}
          disabled={isSelf || update.isPending || user.source === "directory"}
          onChange={(e) => update.mutate({ role: e.target.value })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td data-testid="user-source">{user.source === "directory" ? "directory (role from groups)" : "local"}</td>
      <td>{user.disabled ? <span className="text-red-700">disabled</span> : "active"}</td>
      <td>
        {!isSelf && (
          <div className="flex flex-wrap items-start gap-2">
            <button
              type="button"
              className="btn btn-secondary"
              disabled={update.isPending}
              onClick={() => update.mutate({ disabled: !user.disabled })}
            >
              {user.disabled ? "Enable" : "Disable"}
            </button>
            {user.source === "local" && (
              <div>
                <ResetPasswordForm user={user} />
              </div>
            )}
          </div>
        )}
        {update.error && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {update.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
