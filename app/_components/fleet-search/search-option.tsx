"use client";

import { describeMatch, type HostSearchItem } from "@/lib/domain/inventory/host-search-views";

type Props = { id: string; item: HostSearchItem; active: boolean; onPick: () => void; onHover: () => void };

/**
 * One host in the search box's list: hostname and branch (link-local addresses
 * repeat in every branch, so the branch tells two results apart), its guest,
 * and what matched. Text only: an option holds nothing focusable.
 */
export function SearchOption({ id, item, active, onPick, onHover }: Props) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={`cursor-pointer px-3 py-1.5 ${active ? "bg-sky-100" : ""}`}
      onClick={onPick}
      onMouseMove={onHover}
    >
      <span className="flex items-baseline justify-between gap-3">
        <span className="font-mono font-semibold">{item.hostname}</span>
        <span className="text-xs text-slate-700">
          <span className="font-mono">{item.branch.code}</span> {item.branch.name}
        </span>
      </span>
      <span className="flex items-baseline justify-between gap-3 text-xs text-slate-700">
        <span>
          {item.guest ? (
            <>
              {item.guest.name} · <span className="font-mono">{item.guest.ip}</span>
            </>
          ) : (
            "no guest"
          )}
        </span>
        <span>matched {describeMatch(item)}</span>
      </span>
    </li>
  );
}
