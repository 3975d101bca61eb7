import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/app/_server/guard";
import { LoginForm } from "./login-form";
import { safeNextPath } from "./safe-next-path";

export const metadata: Metadata = { title: "Sign in" };

/** The one page anyone may see. A signed-in visitor goes straight on. */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNextPath((await searchParams).next);
  if (await currentActor()) redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-900 px-4">
      <div className="w-full max-w-sm rounded border border-slate-700 bg-white p-6 shadow-lg">
        <h1 className="mb-1 text-lg font-semibold">Branchdesk</h1>
        <p className="mb-4 text-sm text-slate-600">Sign in to manage branch desktops.</p>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
