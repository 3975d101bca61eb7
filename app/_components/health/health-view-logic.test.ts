import { describe, expect, it } from "vitest";
import type { BoxHealth, BoxHealthView } from "@/lib/domain/health/health-views";
import {
  DEFAULT_HEALTH_FILTERS,
  healthFiltersToParams,
  healthRowsQuery,
  parseHealthFilters,
  selectHealthRows,
  type HealthFilters,
} from "./health-filters";
import { formatAgo, formatSpan, orderChecks } from "./health-format";
import { countsSentence, STATE_STYLES, worstState } from "./health-states";

const box = (over: Partial<BoxHealthView>): BoxHealthView => ({
  box: `host:${over.id ?? 1}`,
  kind: "host",
  id: 1,
  name: "br-0001-h01",
  branchCode: "BR-0001",
  region: "North",
  status: "ok",
  summary: "ok",
  supportMs: 5,
  checkedAt: "2026-11-30T10:00:00.000Z",
  lastSeenAt: "2026-11-30T10:00:00.000Z",
  silentSince: null,
  incidentId: null,
  ...over,
});

const FLEET: BoxHealthView[] = [
  box({ id: 1, name: "br-0002-h10", branchCode: "BR-0002", region: "South", supportMs: 12 }),
  box({ id: 2, name: "br-0001-h02", status: "support-broken", summary: "rules drifted", supportMs: null }),
  box({ id: 3, name: "br-0002-h09", branchCode: "BR-0002", region: "South", status: "host-down" }),
  box({ id: 4, name: "br-0001-h01", status: "silent", silentSince: "2026-11-30T09:00:00.000Z" }),
  box({ id: 5, name: "br-0003-gw", kind: "gateway", branchCode: "BR-0003", status: "gateway-down" }),
  box({ id: 6, name: "br-0001-h03", status: "unknown", supportMs: null, checkedAt: null }),
  box({ id: 7, name: "br-0001-h04", status: "degraded", summary: "guest shut off, support path OK", supportMs: 3 }),
];
const ids = (f: Partial<HealthFilters>) =>
  selectHealthRows(FLEET, { ...DEFAULT_HEALTH_FILTERS, ...f }).map((b) => b.id);

describe("countsSentence: the fleet in one line, ok first, the worst last, empty states left out", () => {
  it.each<[Partial<Record<BoxHealth, number>>, string]>([
    [
      { ok: 9812, "support-broken": 140, "host-down": 48, "gateway-down": 3 },
      "9,812 ok · 140 support path broken · 48 host down · 3 gateways down",
    ],
    [{ "gateway-down": 1, ok: 0 }, "1 gateway down"],
    [{ unknown: 2, degraded: 1, silent: 4 }, "2 never checked · 1 degraded · 4 silent"],
    [{ unreachable: 25, "gateway-down": 1 }, "25 unreachable: gateway down · 1 gateway down"],
    [{}, "no boxes yet"],
  ])("%j -> %s", (counts, sentence) => expect(countsSentence(counts)).toBe(sentence));
});

describe("worstState: a branch tile shows its worst box", () => {
  it.each<[BoxHealth[], BoxHealth]>([
    [["ok", "degraded", "ok"], "degraded"],
    [["ok", "unreachable", "gateway-down"], "gateway-down"],
    [["support-broken", "host-down"], "host-down"],
    [["unknown", "ok"], "ok"],
    [["unknown"], "unknown"],
    [[], "unknown"],
  ])("%j -> %s", (states, worst) => expect(worstState(states)).toBe(worst));

  it("every state has a word and a symbol, so colour is never the only signal", () => {
    for (const s of Object.values(STATE_STYLES)) {
      expect(s.label).toMatch(/\w/);
      expect(s.symbol).not.toBe("");
    }
    expect(new Set(Object.values(STATE_STYLES).map((s) => s.label)).size).toBe(Object.keys(STATE_STYLES).length);
  });
});

describe("selectHealthRows: filters narrow together, sort is stable by branch then name", () => {
  it("defaults to worst first, ties by branch then name, never-checked last", () => {
    expect(ids({})).toEqual([5, 3, 2, 4, 7, 1, 6]);
  });
  it("failing only leaves out ok and never checked", () => expect(ids({ failing: true })).toEqual([5, 3, 2, 4, 7]));
  it("silent keeps boxes marked silent", () => expect(ids({ silent: true })).toEqual([4]));
  it("by state", () => expect(ids({ state: "support-broken" })).toEqual([2]));
  it("by region and branch", () => {
    expect(ids({ region: "South" })).toEqual([3, 1]);
    expect(ids({ branch: "BR-0001", failing: true })).toEqual([2, 4, 7]);
  });
  it("text matches the name, the branch or the reason in words", () => {
    expect(ids({ q: "DRIFT" })).toEqual([2]);
    expect(ids({ q: "br-0003" })).toEqual([5]);
  });
  it("sorts names numerically and reverses", () => {
    expect(ids({ branch: "BR-0002", sort: "name" })).toEqual([3, 1]);
    expect(ids({ branch: "BR-0002", sort: "name", dir: "desc" })).toEqual([1, 3]);
  });
  it("boxes without a latency sort last whichever way", () => {
    expect(ids({ sort: "support" }).slice(-2)).toEqual([2, 6]);
    expect(ids({ sort: "support", dir: "desc" }).slice(-2)).toEqual([2, 6]);
    expect(ids({ sort: "support", dir: "desc" })[0]).toBe(1);
  });
});

describe("the filters live in the URL", () => {
  it("round-trips, with defaults left out of the address", () => {
    const f: HealthFilters = { ...DEFAULT_HEALTH_FILTERS, failing: true, state: "host-down", region: "North" };
    const params = healthFiltersToParams(f);
    expect(Object.fromEntries(Object.entries(params).filter(([, v]) => v))).toEqual({
      failing: "1",
      state: "host-down",
      region: "North",
    });
    expect(parseHealthFilters(params)).toEqual(f);
  });
  it("the server is asked for ok boxes only when the view needs them: asked, state ok, a branch or a region", () => {
    const q = (f: Partial<HealthFilters>) => healthRowsQuery({ ...DEFAULT_HEALTH_FILTERS, ...f });
    expect(q({})).toEqual({ rows: "attention" });
    expect(q({ failing: true, state: "host-down" })).toEqual({ rows: "attention" });
    expect(q({ all: true })).toEqual({ rows: "all" });
    expect(q({ state: "ok" })).toEqual({ rows: "all" });
    expect(q({ branch: "BR-0001" })).toEqual({ rows: "attention", branch: "BR-0001" });
    expect(q({ region: "North", all: true })).toEqual({ rows: "all", region: "North" });
    expect(parseHealthFilters(healthFiltersToParams({ ...DEFAULT_HEALTH_FILTERS, all: true })).all).toBe(true);
  });
  it("a bad value falls back to that field's default", () => {
    expect(parseHealthFilters({ state: "on-fire", sort: "rm -rf", dir: "sideways", failing: "1" })).toEqual({
      ...DEFAULT_HEALTH_FILTERS,
      failing: true,
    });
  });
});

describe("formatting", () => {
  it.each([
    [4_000, "4 s"],
    [12 * 60_000, "12 min"],
    [3 * 3_600_000 + 5 * 60_000, "3 h 5 min"],
    [2 * 86_400_000, "2 d"],
    [50 * 3_600_000, "2 d 2 h"],
  ])("formatSpan(%i) = %s", (ms, text) => expect(formatSpan(ms)).toBe(text));
  it("formatAgo says never for a box nobody checked", () => {
    expect(formatAgo(null, 0)).toBe("never");
    expect(formatAgo("2026-11-30T10:00:00.000Z", Date.parse("2026-11-30T10:05:00.000Z"))).toBe("5 min ago");
  });
  it("orderChecks puts the support path first, in the contract's order", () => {
    const c = (check: "memory" | "support-path" | "guest") => ({
      check,
      status: "ok" as const,
      reason: "",
      value: null,
    });
    expect(orderChecks([c("memory"), c("guest"), c("support-path")]).map((x) => x.check)).toEqual([
      "support-path",
      "guest",
      "memory",
    ]);
  });
});
