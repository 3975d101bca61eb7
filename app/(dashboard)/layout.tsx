import type { ReactNode } from "react";
import { guard } from "@/app/_server/guard";
import { AppHeader } from "@/app/_components/app-header";

/**
 * Every dashboard page sits under this layout. The layout guards too, so the
 * header never renders for an anonymous visitor; each page still calls guard()
 * with the role it needs, because layouts are not re-run on every navigation.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await guard("viewer", "page");
  return (
    <>
      <AppHeader username={actor.username} role={actor.role} />
      <main className="mx-auto max-w-7xl px-4 py-4">{children}</main>
    </>
  );
}
