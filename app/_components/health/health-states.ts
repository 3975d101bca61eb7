import { BOX_HEALTH, type BoxHealth } from "@/lib/domain/health/health-views";

/**
 * How each box state reads and looks. Colour is never the only signal (colour-blind
 * techies, axe): every state has a word and a symbol, and the tones keep a 4.5:1 contrast
 * between text and background.
 */
export type StateStyle = { label: string; symbol: string; tone: string };

export const STATE_STYLES: Record<BoxHealth, StateStyle> = {
  "gateway-down": { label: "gateway down", symbol: "✖", tone: "bg-red-100 text-red-900 border-red-400" },
  "host-down": { label: "host down", symbol: "✖", tone: "bg-red-100 text-red-900 border-red-400" },
  "support-broken": {
    label: "support path broken",
    symbol: "!",
    tone: "bg-orange-100 text-orange-900 border-orange-400",
  },
  unreachable: { label: "unreachable: gateway down", symbol: "⊘", tone: "bg-rose-50 text-rose-900 border-rose-300" },
  silent: { label: "silent", symbol: "…", tone: "bg-violet-100 text-violet-900 border-violet-400" },
  degraded: { label: "degraded", symbol: "▲", tone: "bg-amber-100 text-amber-900 border-amber-400" },
  ok: { label: "ok", symbol: "✓", tone: "bg-emerald-50 text-emerald-900 border-emerald-300" },
  unknown: { label: "never checked", symbol: "?", tone: "bg-slate-100 text-slate-700 border-slate-300" },
};

/** 0 for the worst state (gateway down), up to unknown: BOX_HEALTH is ordered worst first. */
export function severity(state: BoxHealth): number {
  return BOX_HEALTH.indexOf(state);
}

/**
 * The worst of some states, for a branch tile ("unknown" when there is nothing to judge).
 * Never-checked boxes do not hide a known problem, and do not pass for ok either.
 */
export function worstState(states: Iterable<BoxHealth>): BoxHealth {
  let worst: BoxHealth = "unknown";
  for (const s of states) if (worst === "unknown" || (s !== "unknown" && severity(s) < severity(worst))) worst = s;
  return worst;
}

/** States that need a techie: anything but ok and never checked. */
export function isFailing(state: BoxHealth): boolean {
  return state !== "ok" && state !== "unknown";
}

/** "48 host down", "3 gateways down": the gateway count reads as a plural, the box states as states. */
function countPhrase(state: BoxHealth, n: number): string {
  const figure = n.toLocaleString("en-US");
  if (state === "gateway-down") return `${figure} gateway${n === 1 ? "" : "s"} down`;
  return `${figure} ${STATE_STYLES[state].label}`;
}

/**
 * The fleet in one line: "9,812 ok · 140 support path broken · 48 host down · 3 gateways down".
 * Ok first (the reassurance), then the problems from the mildest to the worst, so the line ends
 * on what to look at; states nobody is in are left out.
 */
export function countsSentence(counts: Partial<Record<BoxHealth, number>>): string {
  const order: BoxHealth[] = ["ok", ...[...BOX_HEALTH].filter((s) => s !== "ok").reverse()];
  const parts = order.filter((s) => (counts[s] ?? 0) > 0).map((s) => countPhrase(s, counts[s]!));
  return parts.length ? parts.join(" · ") : "no boxes yet";
}
