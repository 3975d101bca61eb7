import Link from "next/link";
import { roleAllows, type Role } from "@/lib/domain/role";
import { FleetSearch } from "./fleet-search/fleet-search";
import { SignOutButton } from "./sign-out-button";

/** The console's top bar: where you can go, who you are, and the way out. */
export function AppHeader({ username, role }: { username: string; role: Role }) {
  return (
    <header className="border-b border-slate-800 bg-slate-900 text-slate-100">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-2">
        <Link href="/" className="font-semibold tracking-tight text-white hover:no-underline">
          Branchdesk
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm">
          <Link href="/" className="text-slate-200">
            Fleet
          </Link>
          <Link href="/health" className="text-slate-200">
            Health
          </Link>
          <Link href="/rollouts" className="text-slate-200">
            Rollouts
          </Link>
          <Link href="/nat-audit" className="text-slate-200">
            NAT audit
          </Link>
          <Link href="/audit" className="text-slate-200">
            Audit log
          </Link>
          <Link href="/sessions" className="text-slate-200">
            Sessions
          </Link>
          <Link href="/tokens" className="text-slate-200">
            Tokens
          </Link>
          {roleAllows(role, "admin") && (
            <Link href="/import" className="text-slate-200">
              Import
            </Link>
          )}
          {roleAllows(role, "admin") && (
            <Link href="/users" className="text-slate-200">
              Users
            </Link>
          )}
          {roleAllows(role, "admin") && (
            <Link href="/settings/directory" className="text-slate-200">
              Directory
            </Link>
          )}
          {roleAllows(role, "admin") && (
            <Link href="/settings/terminal" className="text-slate-200">
              Terminal settings
            </Link>
          )}
        </nav>
        <FleetSearch />
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span data-testid="current-user">
            {username}{" "}
            <span className="rounded bg-slate-700 px-1.5 py-0.5 text-xs uppercase text-slate-200">{role}</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
