/**
 * Metric samples are stored compactly (prisma HealthSample): one row per box per
 * block, its points appended as text "sec,supportMs,mem,swap,load,kswapd;" where
 * sec is seconds from the block's start and an empty field is null. Appending is
 * a string concatenation in SQL, so ingest never reads a row back.
 */
export type SampleValues = {
  supportMs: number | null;
  memUsedPct: number | null;
  swapUsedPct: number | null;
  load1: number | null;
  kswapdCpuPct: number | null;
};
export type SamplePoint = SampleValues & { at: Date };

export const SAMPLE_FIELDS = ["supportMs", "memUsedPct", "swapUsedPct", "load1", "kswapdCpuPct"] as const;

export const RAW_BLOCK_MS = 3_600_000; // an hour of 5-min points
export const HOUR_BLOCK_MS = 86_400_000; // a day of hourly means

export function blockStart(at: Date, blockMs: number): Date {
  return new Date(Math.floor(at.getTime() / blockMs) * blockMs);
}

function num(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "";
  return String(Math.round(v * 100) / 100);
}

export function encodePoint(start: Date, point: SamplePoint): string {
  const sec = Math.round((point.at.getTime() - start.getTime()) / 1000);
  return `${sec},${SAMPLE_FIELDS.map((f) => num(point[f])).join(",")};`;
}

/** Decodes a block; a malformed point (a torn write, a hand edit) is skipped, never guessed. */
export function decodePoints(start: Date, text: string): SamplePoint[] {
  const out: SamplePoint[] = [];
  for (const part of text.split(";")) {
    const fields = part.split(",");
    if (fields.length !== SAMPLE_FIELDS.length + 1) continue;
    const sec = Number(fields[0]);
    if (fields[0] === "" || !Number.isInteger(sec)) continue;
    const values = fields.slice(1).map((f) => (f === "" ? null : Number(f)));
    if (values.some((v) => v !== null && !Number.isFinite(v))) continue;
    const point = { at: new Date(start.getTime() + sec * 1000) } as SamplePoint;
    SAMPLE_FIELDS.forEach((f, i) => (point[f] = values[i] ?? null));
    out.push(point);
  }
  return out;
}

/** Hourly means of raw points (each field over its non-null values), stamped at the hour's start. */
export function downsampleHourly(points: SamplePoint[]): SamplePoint[] {
  const byHour = new Map<number, SamplePoint[]>();
  for (const p of points) {
    const h = Math.floor(p.at.getTime() / RAW_BLOCK_MS) * RAW_BLOCK_MS;
    const list = byHour.get(h) ?? [];
    list.push(p);
    byHour.set(h, list);
  }
  return [...byHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([h, list]) => {
      const point = { at: new Date(h) } as SamplePoint;
      for (const f of SAMPLE_FIELDS) {
        const vs = list.map((p) => p[f]).filter((v): v is number => v !== null);
        point[f] = vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null;
      }
      return point;
    });
}
