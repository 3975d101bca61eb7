"use client";

import { useState, type FormEvent } from "react";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, usersQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import type { UserView } from "@/lib/domain/users/user-views";

/**
 * An admin sets a new password for a user who forgot theirs, or whose sign-ins are held
 * back by failed attempts (the sign-in error tells them to ask for exactly this): the API
 * ends the user's sessions and clears their sign-in wait in the same change.
 */
export function ResetPasswordForm({ user }: { user: UserView }) {
  const [open, setOpen] = useState(false);
  const reset = useApiMutation<{ password: string }>({
    method: "PATCH",
    path: apiPaths.user(user.id),
    invalidate: [usersQuery().queryKey, auditQuery().queryKey],
    onSuccess: () => setOpen(false),
  });
  const id = `reset-password-${user.id}`;

  if (!open) {
    return (
      <>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            reset.reset();
            setOpen(true);
          }}
        >
          Reset password
        </button>
        {reset.isSuccess && (
          <p role="status" className="mt-1 text-xs text-emerald-700">
            Password reset; sessions ended, sign-in wait cleared.
          </p>
        )}
      </>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // As typed: trimming would set a different password than the one handed over.
    const password = new FormData(event.currentTarget).get("password");
    reset.mutate({ password: typeof password === "string" ? password : "" });
  }

  const problems = reset.error ? reset.error.field("password") : [];
  const error = problems.length ? problems.join("; ") : reset.error?.message;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="mt-1 flex flex-wrap items-start gap-2"
      aria-label={`Reset password of ${user.username}`}
    >
      <label htmlFor={id} className="sr-only">
        New password for {user.username}
      </label>
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="new-password"
        autoFocus
        className="input w-44"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="btn btn-primary" disabled={reset.isPending}>
        {reset.isPending ? "Saving…" : "Set password"}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-xs text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
