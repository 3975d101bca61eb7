import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZHostSearchQuery } from "@/lib/domain/inventory/host-search";
import { createDb } from "@/lib/server/db/client";
import { installTestDb, testPgAdminUrl, type TestDb } from "@/lib/testing/test-db";
import { isCi, postgresUnavailable } from "@/lib/testing/tiers";
import { makeBranch, makeHost } from "@/prisma/seed/factories";
import { searchHosts } from "./search-hosts";

const MIGRATIONS = path.resolve(__dirname, "../../../prisma/postgresql/migrations");

/**
 * The test databases use C.UTF-8, where a range [q, successor of q) is a
 * prefix. Many PostgreSQL installations default to a language's collation,
 * where it is not: ICU's en-US sorts ":" between "-" and ".", so "ws:1" lies in
 * ["ws-", "ws.") without being a prefix match of "ws-". The search compares in
 * the C collation so that it answers the same everywhere: this holds it to that
 * on a database whose default collation is en-US.
 */
async function createIcuDb(): Promise<TestDb> {
  const admin = testPgAdminUrl();
  const name = `bd_test_icu_${randomBytes(6).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(
    `CREATE DATABASE ${name} LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' TEMPLATE template0`,
  );
  await adminClient.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  for (const dir of readdirSync(MIGRATIONS, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    await client.query(readFileSync(path.join(MIGRATIONS, dir.name, "migration.sql"), "utf8"));
  }
  await client.end();
  const config = { provider: "postgresql" as const, url: url.toString() };
  const db = createDb(config);
  const drop = async () => {
    await db.$disconnect();
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return { db, config, drop };
}

const why = isCi() ? null : postgresUnavailable();
const suite = why ? describe.skip : describe;

suite(`fleet search on a PostgreSQL whose default collation is ICU en-US${why ? ` NOT RUN: ${why}` : ""}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createIcuDb();
    installTestDb(t);
    const branch = await makeBranch({}, t.db);
    await makeHost(branch, { hostname: "desk-1", guest: { name: "ws:1", domain: "desk-1" } }, t.db);
    await makeHost(branch, { hostname: "ws-2", guest: { name: "WS-2" } }, t.db);
  });
  afterAll(async () => t?.drop());

  it("the database really sorts by language rules (else this test proves nothing)", async () => {
    const [row] = await t.db.$queryRaw<{ inside: boolean }[]>`SELECT ('ws:1' > 'ws-' AND 'ws:1' < 'ws.') AS "inside"`;
    expect(row?.inside).toBe(true);
  });

  it("a prefix matches only what starts with it", async () => {
    const r = await searchHosts(ZHostSearchQuery.parse({ q: "WS-" }));
    // desk-1's guest, "ws:1", sorts inside ["ws-", "ws.") here: found only if the range were not in C.
    expect(r.items.map((i) => `${i.hostname} ${i.matched.field}`)).toEqual(["ws-2 hostname"]);
    const names = await searchHosts(ZHostSearchQuery.parse({ q: "ws:" }));
    expect(names.items.map((i) => `${i.hostname} ${i.matched.field}`)).toEqual(["desk-1 guestName"]);
  });
});
