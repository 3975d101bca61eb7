import Link from "next/link";
import { connection } from "next/server";

/** Unknown URLs, and pages whose branch or host no longer exists (deleted, mistyped code). */
export default async function NotFound() {
  // Rendered per request, not at build time: Next.js stamps each response's CSP
  // nonce (proxy.ts) on its scripts only when it renders, so a prebuilt 404 could not hydrate.
  await connection();
  return (
    <main className="mx-auto mt-24 max-w-md card">
      <h1 className="mb-2 text-lg font-semibold">Not found</h1>
      <p className="text-sm text-slate-700">
        There is nothing here: the branch or host may have been deleted, or the address is mistyped.
      </p>
      <p className="mt-4 text-sm">
        <Link href="/">Back to the fleet</Link>
      </p>
    </main>
  );
}
