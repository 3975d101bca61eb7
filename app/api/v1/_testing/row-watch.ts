/**
 * Tells which tables a request changed. Row counts alone would miss a refused
 * PATCH that still updated a row, so it compares every row of every table;
 * and since that costs a dozen queries, it first asks the database whether
 * anything was written at all (SQLite: total_changes() of the one connection
 * the adapter holds; PostgreSQL: the next transaction id, which only a write
 * advances — other databases on the server advance it too, which only costs a
 * needless full comparison).
 */
import { createHash } from "node:crypto";
import type { Db } from "@/lib/server/db/client";
import type { DatabaseConfig } from "@/lib/server/db/database-config";
import { Prisma } from "@/prisma/generated/sqlite/client";

/** Every model of the generated client (the SQLite one stands for both, as in Db), so a new table is covered too. */
const MODELS = Object.values(Prisma.ModelName).map((m) => m.charAt(0).toLowerCase() + m.slice(1));

type Snapshot = Record<string, string>;

const bigintAsText = (_: string, v: unknown) => (typeof v === "bigint" ? String(v) : v);

type Provider = DatabaseConfig["provider"];

const MARKER_SQL: Record<Provider, string> = {
  sqlite: "SELECT total_changes() AS n",
  postgresql: "SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS n",
};

export class RowWatch {
  private marker = "";
  private rows: Snapshot = {};

  private constructor(
    private readonly db: Db,
    private readonly provider: Provider,
  ) {}

  static async start(db: Db, provider: Provider): Promise<RowWatch> {
    const watch = new RowWatch(db, provider);
    await watch.changedTables();
    return watch;
  }

  private async readMarker(): Promise<string> {
    const [row] = await this.db.$queryRawUnsafe<Array<{ n: unknown }>>(MARKER_SQL[this.provider]);
    return String(row?.n);
  }

  private async snapshot(): Promise<Snapshot> {
    const delegates = this.db as unknown as Record<string, { findMany(): Promise<unknown[]> }>;
    const tables = await Promise.all(
      MODELS.map(async (model) => {
        const rows = (await delegates[model]!.findMany()).map((r) => JSON.stringify(r, bigintAsText)).sort();
        const digest = createHash("sha1").update(rows.join("\n")).digest("hex").slice(0, 12);
        return [model, `${rows.length} rows ${digest}`] as const;
      }),
    );
    return Object.fromEntries(tables);
  }

  /** The tables whose rows differ from the last call's. */
  async changedTables(): Promise<string[]> {
    const marker = await this.readMarker();
    if (marker === this.marker) return [];
    const rows = await this.snapshot();
    const changed = MODELS.filter((m) => this.rows[m] !== rows[m]);
    [this.marker, this.rows] = [marker, rows];
    return changed;
  }
}
