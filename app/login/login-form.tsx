"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { apiFetch } from "@/app/_client/api-fetch";
import { apiPaths } from "@/app/_client/api-paths";
import type { ApiError } from "@/app/_client/api-error";
import { FormAlert } from "@/app/_components/form/form-alert";
import { SubmitButton } from "@/app/_components/form/submit-button";
import { TextField } from "@/app/_components/form/text-field";

type SignInInput = { username: string; password: string };

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const signIn = useMutation<unknown, ApiError, SignInInput>({
    mutationFn: (input) => apiFetch(apiPaths.session(), { method: "POST", body: input }),
    onSuccess: () => {
      router.replace(next);
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") });
  }

  const fields = signIn.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Sign in">
      {/* The API's own words: "wrong username or password", or the rate limit's wait. */}
      <FormAlert error={signIn.error} />
      <TextField name="username" label="Username" autoComplete="username" required errors={fields.username} autoFocus />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        errors={fields.password}
      />
      <SubmitButton
        pending={signIn.isPending || signIn.isSuccess}
        pendingLabel="Signing in…"
        label="Sign in"
        className="w-full justify-center"
      />
    </form>
  );
}
