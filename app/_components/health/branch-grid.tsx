"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent } from "react";
import type { FleetHealthResponse } from "@/lib/domain/health/health-views";
import { severity, STATE_STYLES } from "./health-states";

type Branch = FleetHealthResponse["branches"][number];

/**
 * One tile per branch, coloured by its worst box, worst branches first. The symbol and
 * the state's word are on every tile (colour is never the only signal); a click goes to
 * the branch.
 *
 * The tiles are plain links, with one click handler on the list for the in-app navigation
 * a next/link gives: 400 branches are 400 Link components (each with its hooks and ref) to
 * render on the server and hydrate before the page answers, for no other gain.
 */
export function BranchGrid({ branches }: { branches: Branch[] }) {
  const router = useRouter();
  const sorted = [...branches].sort(
    (a, b) => severity(a.worst) - severity(b.worst) || a.code.localeCompare(b.code, "en", { numeric: true }),
  );
  const navigate = (e: MouseEvent<HTMLUListElement>) => {
    // Like next/link: a plain left click (or Enter) navigates in the app; a new tab or window is the browser's.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest("a");
    if (!a || !e.currentTarget.contains(a)) return;
    e.preventDefault();
    router.push(a.getAttribute("href")!);
  };
  return (
    <ul
      aria-label="Branches by worst state"
      className="grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-1.5"
      onClick={navigate}
    >
      {sorted.map((b) => {
        const s = STATE_STYLES[b.worst];
        return (
          <li key={b.code}>
            <a
              href={`/branches/${encodeURIComponent(b.code)}`}
              title={`${b.code} ${b.name} (${b.region}): ${s.label}, ${b.boxes} boxes`}
              className={`block rounded border px-2 py-1 text-xs hover:no-underline ${s.tone}`}
            >
              <span className="font-mono font-semibold">{b.code}</span>
              <span className="flex items-center gap-1">
                <span aria-hidden>{s.symbol}</span>
                <span className="truncate">{s.label}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
