import type { BoxHealthDetailResponse } from "@/lib/domain/health/health-views";

type Point = BoxHealthDetailResponse["samples"]["points"][number];
export type SeriesKey = Exclude<keyof Point, "at">;

/** uPlot's data: x in Unix seconds, y with gaps as null (a sweep the box missed is a gap, not a zero). */
export type ChartData = [number[], Array<number | null>];

export function chartData(points: readonly Point[], key: SeriesKey): ChartData {
  return [points.map((p) => Date.parse(p.at) / 1000), points.map((p) => p[key])];
}

/**
 * The chart's words for people who do not see it: "Support path latency: latest 12 ms,
 * min 3 ms, max 40 ms, 288 samples." (or "no samples yet").
 */
export function chartSummary(title: string, unit: string, values: ReadonlyArray<number | null>): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return `${title}: no samples yet.`;
  const fmt = (v: number) => `${Number.isInteger(v) ? v : v.toFixed(1)}${unit}`;
  const latest = values.at(-1);
  const latestText = latest === null || latest === undefined ? "latest sample missing" : `latest ${fmt(latest)}`;
  return (
    `${title}: ${latestText}, min ${fmt(Math.min(...known))}, max ${fmt(Math.max(...known))}, ` +
    `${known.length} sample${known.length === 1 ? "" : "s"}.`
  );
}
