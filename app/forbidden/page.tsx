import type { Metadata } from "next";
import Link from "next/link";
import { ZRole } from "@/lib/domain/role";

export const metadata: Metadata = { title: "Not allowed" };

/** Where the page guard sends a signed-in user whose role is too weak. */
export default async function ForbiddenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const need = ZRole.safeParse((await searchParams).need);
  return (
    <main className="mx-auto mt-24 max-w-md card">
      <h1 className="mb-2 text-lg font-semibold">Not allowed</h1>
      <p role="alert" className="text-sm text-slate-700">
        {need.success ? `This page needs the ${need.data} role.` : "Your role does not allow this page."} Ask an admin
        if you need it.
      </p>
      <p className="mt-4 text-sm">
        <Link href="/">Back to the fleet</Link>
      </p>
    </main>
  );
}
