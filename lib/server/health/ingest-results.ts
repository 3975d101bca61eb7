import type { HealthCounters } from "@/lib/domain/health/box-probe";
import type { BoxVerdict } from "@/lib/domain/health/classify-box";
import { blockStart, encodePoint, RAW_BLOCK_MS, SAMPLE_FIELDS } from "@/lib/domain/health/sample-codec";
import { Prisma } from "@/prisma/generated/sqlite/client";
import type { Db, Tx } from "@/lib/server/db/client";
import { appendSampleBlocks } from "./append-sample-blocks";
import { healthWebhookPayload } from "./webhook-payload";

export type BoxResult = {
  key: string;
  kind: "host" | "gateway";
  boxId: number;
  name: string;
  branchCode: string;
  at: Date;
  verdict: BoxVerdict;
  incidentId: number | null;
};

type Prev = {
  boxKey: string;
  status: string;
  summary: string;
  counters: string;
  lastSeenAt: Date | null;
  silentSince: Date | null;
};

const ROWS = 400;

/**
 * Stores a batch of sweep results in one transaction: the latest state per box (one
 * multi-row upsert), an event per state change (the open one closed with its duration),
 * a reboot event, the 5-min sample appended to the box's hourly block, and a webhook
 * delivery per box state change when a webhook is set. A box that did not answer keeps
 * its last answer time and is "silent since" it.
 */
export async function ingestResults(
  client: Db,
  results: BoxResult[],
  opts: { webhook: boolean } = { webhook: false },
): Promise<{ events: number }> {
  if (results.length === 0) return { events: 0 };
  return client.$transaction(
    async (tx) => {
      const prevRows: Prev[] = [];
      for (let i = 0; i < results.length; i += ROWS) {
        prevRows.push(
          ...(await tx.healthState.findMany({
            where: { boxKey: { in: results.slice(i, i + ROWS).map((r) => r.key) } },
            select: {
              boxKey: true,
              status: true,
              summary: true,
              counters: true,
              lastSeenAt: true,
              silentSince: true,
            },
          })),
        );
      }
      const prev = new Map(prevRows.map((p) => [p.boxKey, p]));
      const events = await writeEvents(tx, results, prev, opts.webhook);
      await upsertStates(tx, results, prev);
      await appendSamples(tx, results);
      return { events };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Previous counters for classification (kswapd0 rate, reboot detection). */
export function parseCounters(text: string | undefined): HealthCounters {
  try {
    const v = JSON.parse(text ?? "{}") as HealthCounters;
    return typeof v === "object" && v !== null ? v : {};
  } catch {
    return {};
  }
}

async function upsertStates(tx: Tx, results: BoxResult[], prev: Map<string, Prev>): Promise<void> {
  const cols = [
    "boxKey",
    "kind",
    "boxId",
    "branchCode",
    "status",
    "summary",
    "checks",
    "supportMs",
    "checkedAt",
    "lastSeenAt",
    "silentSince",
    "incidentId",
    "counters",
    "updatedAt",
  ];
  const head = Prisma.raw(`INSERT INTO "HealthState" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const tail = Prisma.raw(
    ` ON CONFLICT ("boxKey") DO UPDATE SET ${cols
      .filter((c) => c !== "boxKey")
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(", ")}`,
  );
  for (let i = 0; i < results.length; i += ROWS) {
    const values = results.slice(i, i + ROWS).map((r) => {
      const p = prev.get(r.key);
      const v = r.verdict;
      const lastSeenAt = v.answered ? r.at : (p?.lastSeenAt ?? null);
      const silentSince = v.answered ? null : (p?.silentSince ?? p?.lastSeenAt ?? r.at);
      // Counters of a box that did not answer are kept for when it does.
      const kept = parseCounters(p?.counters);
      const sig = Object.fromEntries(v.checks.map((c) => [c.check, c.status]));
      const counters = v.answered ? { ...kept, ...v.counters, sig } : { ...kept, sig };
      const row = [
        r.key,
        r.kind,
        r.boxId,
        r.branchCode,
        v.status,
        v.summary,
        JSON.stringify(v.checks),
        v.sample.supportMs,
        r.at,
        lastSeenAt,
        silentSince,
        r.incidentId,
        JSON.stringify(counters),
        r.at,
      ];
      return Prisma.sql`(${Prisma.join(row)})`;
    });
    await tx.$executeRaw`${head}${Prisma.join(values)}${tail}`;
  }
}

async function appendSamples(tx: Tx, results: BoxResult[]): Promise<void> {
  const rows = results.filter((r) => SAMPLE_FIELDS.some((f) => r.verdict.sample[f] !== null));
  await appendSampleBlocks(
    tx,
    rows.map((r) => {
      const start = blockStart(r.at, RAW_BLOCK_MS);
      return {
        boxKey: r.key,
        resolution: "raw",
        blockStart: start,
        points: encodePoint(start, { at: r.at, ...r.verdict.sample }),
      };
    }),
  );
}

async function writeEvents(tx: Tx, results: BoxResult[], prev: Map<string, Prev>, webhook: boolean): Promise<number> {
  const opened: {
    boxKey: string;
    check: string;
    from: string;
    to: string;
    reason: string;
    startedAt: Date;
    endedAt?: Date;
    durationMs?: number;
    incidentId: number | null;
  }[] = [];
  const deliveries: { payload: string; nextAttemptAt: Date }[] = [];
  for (const r of results) {
    const p = prev.get(r.key);
    const v = r.verdict;
    const from = p?.status ?? "unknown";
    if (from !== v.status && (p || v.status !== "ok")) {
      opened.push({
        boxKey: r.key,
        check: "box",
        from,
        to: v.status,
        reason: v.summary,
        startedAt: r.at,
        incidentId: r.incidentId,
      });
      if (webhook) deliveries.push({ payload: healthWebhookPayload(r, from), nextAttemptAt: r.at });
    } else if (p && from === v.status) {
      // The box's state held; a check that changed on its own is an event of its own
      // (a box going down is one event, not one per check it takes down with it).
      // The previous check statuses come from the counters' signature, not the checks' JSON (read less).
      const before = new Map(Object.entries(parseCounters(p.counters).sig ?? {}));
      for (const c of v.checks) {
        const b = before.get(c.check);
        if (b && b !== c.status && c.status !== "unknown" && b !== "unknown") {
          opened.push({
            boxKey: r.key,
            check: c.check,
            from: b,
            to: c.status,
            reason: c.reason,
            startedAt: r.at,
            incidentId: r.incidentId,
          });
        }
      }
    }
    if (v.rebootedAt) {
      opened.push({
        boxKey: r.key,
        check: "uptime",
        from: "up",
        to: "rebooted",
        reason: `rebooted at ${v.rebootedAt.toISOString()}`,
        startedAt: v.rebootedAt,
        endedAt: v.rebootedAt,
        durationMs: 0,
        incidentId: null,
      });
    }
  }
  if (opened.length === 0) return 0;
  const closing = opened.filter((e) => e.endedAt === undefined);
  if (closing.length) {
    const at = new Map(closing.map((e) => [`${e.boxKey} ${e.check}`, e.startedAt]));
    const keys = [...new Set(closing.map((e) => e.boxKey))];
    const open: { id: number; startedAt: Date; boxKey: string; check: string }[] = [];
    for (let i = 0; i < keys.length; i += ROWS) {
      const rows = await tx.healthEvent.findMany({
        where: { endedAt: null, boxKey: { in: keys.slice(i, i + ROWS) } },
        select: { id: true, startedAt: true, boxKey: true, check: true },
      });
      open.push(...rows.filter((o) => at.has(`${o.boxKey} ${o.check}`)));
    }
    for (const o of open) {
      const end = at.get(`${o.boxKey} ${o.check}`)!;
      await tx.healthEvent.update({
        where: { id: o.id },
        data: { endedAt: end, durationMs: Math.max(0, end.getTime() - o.startedAt.getTime()) },
      });
    }
  }
  await tx.healthEvent.createMany({ data: opened });
  if (deliveries.length) await tx.healthWebhookDelivery.createMany({ data: deliveries });
  return opened.length;
}
