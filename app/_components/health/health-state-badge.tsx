import type { BoxHealth } from "@/lib/domain/health/health-views";
import { STATE_STYLES } from "./health-states";

/** A box's state: symbol and word on a tone, so it reads without colour too. */
export function HealthStateBadge({ state }: { state: BoxHealth }) {
  const s = STATE_STYLES[state];
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 text-xs whitespace-nowrap ${s.tone}`}>
      <span aria-hidden>{s.symbol}</span>
      {s.label}
    </span>
  );
}
