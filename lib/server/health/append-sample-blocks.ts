import { Prisma } from "@/prisma/generated/sqlite/client";
import type { Tx } from "@/lib/server/db/client";

/** One box's block of encoded points (lib/domain/health/sample-codec.ts). */
export type SampleBlock = { boxKey: string; resolution: "raw" | "hour"; blockStart: Date; points: string };

const ROWS = 400;

/**
 * Appends points to their blocks, many rows per statement: a new block is inserted, an
 * existing one gets the text added at its end by the database (ingest never reads a block
 * back). Used by ingest (raw), by retention (hourly means) and by bench:health (30 days).
 */
export async function appendSampleBlocks(tx: Tx, blocks: readonly SampleBlock[]): Promise<void> {
  const head = Prisma.raw(`INSERT INTO "HealthSample" ("boxKey", "resolution", "blockStart", "points") VALUES `);
  const tail = Prisma.raw(
    ` ON CONFLICT ("boxKey", "resolution", "blockStart")` +
      ` DO UPDATE SET "points" = "HealthSample"."points" || excluded."points"`,
  );
  const rows = blocks.filter((b) => b.points !== "");
  for (let i = 0; i < rows.length; i += ROWS) {
    const values = rows
      .slice(i, i + ROWS)
      .map((b) => Prisma.sql`(${Prisma.join([b.boxKey, b.resolution, b.blockStart, b.points])})`);
    await tx.$executeRaw`${head}${Prisma.join(values)}${tail}`;
  }
}
