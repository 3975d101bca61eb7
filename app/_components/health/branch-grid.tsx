import Link from "next/link";
import type { FleetHealthResponse } from "@/lib/domain/health/health-views";
import { severity, STATE_STYLES } from "./health-states";

type Branch = FleetHealthResponse["branches"][number];

/**
 * One tile per branch, coloured by its worst box, worst branches first. The symbol and
 * the state's word are on every tile (colour is never the only signal); a click goes to
 * the branch.
 */
export function BranchGrid({ branches }: { branches: Branch[] }) {
  const sorted = [...branches].sort(
    (a, b) => severity(a.worst) - severity(b.worst) || a.code.localeCompare(b.code, "en", { numeric: true }),
  );
  return (
    <ul aria-label="Branches by worst state" className="grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-1.5">
      {sorted.map((b) => {
        const s = STATE_STYLES[b.worst];
        return (
          <li key={b.code}>
            <Link
              href={`/branches/${encodeURIComponent(b.code)}`}
              prefetch={false}
              title={`${b.code} ${b.name} (${b.region}): ${s.label}, ${b.boxes} boxes`}
              className={`block rounded border px-2 py-1 text-xs hover:no-underline ${s.tone}`}
            >
              <span className="font-mono font-semibold">{b.code}</span>
              <span className="flex items-center gap-1">
                <span aria-hidden>{s.symbol}</span>
                <span className="truncate">{s.label}</span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
