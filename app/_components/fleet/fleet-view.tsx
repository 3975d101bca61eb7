"use client";

import { useMemo, useState } from "react";
import type { FleetFilters } from "./fleet-filters";
import { FleetApplyPanel } from "./fleet-apply-panel";
import type { FleetSelection } from "./fleet-selection";
import { FleetTable } from "./fleet-table";

type Props = { initialFilters: FleetFilters; regions: string[]; allCodes: string[]; canApply: boolean };

/** The fleet table and, for operators, the branch selection and the apply controls that act on it. */
export function FleetView({ initialFilters, regions, allCodes, canApply }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [shown, setShown] = useState<string[]>([]);
  const selection = useMemo<FleetSelection>(
    () => ({
      selected,
      toggle: (code, on) =>
        setSelected((prev) => {
          const next = new Set(prev);
          if (on) next.add(code);
          else next.delete(code);
          return next;
        }),
    }),
    [selected],
  );

  if (!canApply) return <FleetTable initialFilters={initialFilters} regions={regions} />;
  return (
    <div className="space-y-3">
      <FleetApplyPanel
        selected={selected}
        allCodes={allCodes}
        shownCodes={shown}
        onSelect={(codes) => setSelected(new Set(codes))}
      />
      <FleetTable initialFilters={initialFilters} regions={regions} selection={selection} onRowsChange={setShown} />
    </div>
  );
}
