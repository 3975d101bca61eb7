"use client";

import { useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "@/app/_client/api-paths";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";

export function SignOutButton() {
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const signOut = useApiMutation({
    method: "DELETE",
    path: apiPaths.session(),
    // Nothing cached for this user may leak to whoever signs in next in this tab.
    onSuccess: () => queryClient.clear(),
    navigateTo: "/login",
  });
  return (
    <button
      type="button"
      className="btn border-slate-600 bg-slate-800 text-slate-100 hover:bg-slate-700"
      disabled={!hydrated || signOut.isPending}
      onClick={() => signOut.mutate(undefined)}
    >
      {signOut.isPending ? "Signing out…" : "Sign out"}
    </button>
  );
}
