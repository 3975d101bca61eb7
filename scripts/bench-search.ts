/**
 * `npm run bench:search -- [--hosts 10000] [--branches 100] [--runs 200] [--provider sqlite]`
 *
 * Builds a fresh database (SQLite by default; postgresql needs BRANCHDESK_TEST_PG_URL) holding
 * N hosts with their guests across B branches (guest LANs in 198.18.0.0/15, link-local addresses
 * in 169.254.0.0/16, the same ones in every branch, as in a real fleet), then times the fleet
 * search service (lib/server/inventory/search-hosts.ts: both of its statements, as the API runs
 * them) for each kind of query a call brings, and prints p50/p95/max against issue 10's goal:
 * under 100 ms at 10,000 hosts on SQLite. Then the query plans, which must show an index for
 * every field (SEARCH ... USING INDEX), never a scan of Host or Guest.
 * A benchmark, not a test: it prints, and exits non-zero only when a plan scans a table.
 */
import { parseArgs } from "node:util";
import { searchLookups, ZHostSearchQuery } from "../lib/domain/inventory/host-search";
import { dbProvider } from "../lib/server/db/db-provider";
import { hostSearchPageSql } from "../lib/server/inventory/host-search-sql";
import { searchHosts } from "../lib/server/inventory/search-hosts";
import { createTestDb, installTestDb, type TestDb, type TestProvider } from "../lib/testing/temp-db";
import { Prisma } from "../prisma/generated/sqlite/client";

const GOAL_MS = 100;
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const hex = (n: number) => n.toString(16).padStart(2, "0");

/** Branch b, host h: every value derived, so the queries below know what exists. */
const fleetRow = (b: number, h: number) => ({
  hostname: `br-${pad(b, 4)}-h${pad(h, 3)}`,
  serial: `SN-${pad(b, 4)}-${pad(h, 3)}`,
  nicMac: `02:00:00:${hex(b >> 8)}:${hex(b & 255)}:${hex(h)}`,
  linkLocalIp: `169.254.${2 + (h >> 8)}.${(h & 255) + 1}`,
  guest: {
    name: `WS-${pad(b, 4)}-${pad(h, 3)}`,
    domain: `win2k-${pad(b, 4)}-${pad(h, 3)}`,
    mac: `52:54:00:${hex(b >> 8)}:${hex(b & 255)}:${hex(h)}`,
    ip: `198.${18 + (b >> 8)}.${b & 255}.${10 + h}`,
  },
});

async function seed(t: TestDb, hosts: number, branches: number): Promise<void> {
  const perBranch = Math.ceil(hosts / branches);
  if (perBranch > 240 || branches > 512) throw new Error("at most 512 branches of 240 hosts (one /24 LAN each)");
  for (let b = 1; b <= branches; b++) {
    const lan = `198.${18 + (b >> 8)}.${b & 255}.0/24`;
    const branch = await t.db.branch.create({
      data: { code: `BR-${pad(b, 4)}`, name: `Branch ${b}`, region: b % 2 ? "North" : "South", lanCidr: lan },
    });
    const rows = Array.from({ length: Math.min(perBranch, hosts - (b - 1) * perBranch) }, (_, h) => fleetRow(b, h));
    await t.db.host.createMany({ data: rows.map(({ guest: _, ...h }) => ({ ...h, branchId: branch.id })) });
    const ids = await t.db.host.findMany({ where: { branchId: branch.id }, select: { id: true, hostname: true } });
    const byName = new Map(ids.map((r) => [r.hostname, r.id]));
    await t.db.guest.createMany({
      data: rows.map((r) => ({ ...r.guest, branchId: branch.id, hostId: byName.get(r.hostname)! })),
    });
  }
}

/** Each kind of query a call brings, against branch 42's host 42 (or the fleet's middle). */
function queries(branches: number): Array<[string, string]> {
  const b = Math.min(42, branches);
  const row = fleetRow(b, 42);
  const cisco = row.guest.mac.replaceAll(":", "").replace(/(.{4})(.{4})(.{4})/, "$1.$2.$3");
  return [
    ["hostname", row.hostname],
    ["hostname prefix", row.hostname.slice(0, 9)],
    ["guest name, other case", row.guest.name.toLowerCase()],
    ["guest domain", row.guest.domain],
    ["guest IP", row.guest.ip],
    ["guest IP prefix", row.guest.ip.replace(/\.\d+$/, ".")],
    ["guest MAC 52:54:00", row.guest.mac.toUpperCase()],
    ["guest MAC 5254.00..", cisco],
    ["NIC MAC 02-00-00-..", row.nicMac.replaceAll(":", "-").toUpperCase()],
    ["serial, other case", row.serial.toLowerCase()],
    ["link-local (1/branch)", row.linkLocalIp],
    ["broad prefix 'br'", "br"],
    ["miss", "no-such-desktop"],
  ];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function time(q: string, runs: number) {
  const query = ZHostSearchQuery.parse({ q });
  const first = await searchHosts(query);
  for (let i = 0; i < 5; i++) await searchHosts(query);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await searchHosts(query);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return {
    total: first.total,
    matched: first.items[0]?.matched,
    p50: percentile(ms, 0.5),
    p95: percentile(ms, 0.95),
    max: ms.at(-1)!,
  };
}

/** The plan of the page statement: one line per step; a scan of Host or Guest is a missing index. */
async function plan(t: TestDb, provider: TestProvider, q: string): Promise<{ lines: string[]; scans: string[] }> {
  const sql = hostSearchPageSql(provider, searchLookups(q), { limit: 20, offset: 0 });
  if (provider === "sqlite") {
    const rows = await t.db.$queryRaw<{ detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${sql}`);
    const lines = rows.map((r) => r.detail);
    return { lines, scans: lines.filter((l) => /^SCAN [hg]\b/.test(l)) };
  }
  const rows = await t.db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
  const lines = rows.map((r) => r["QUERY PLAN"]);
  return { lines, scans: lines.filter((l) => /Seq Scan on "?(Host|Guest)"?/.test(l)) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      hosts: { type: "string", default: "10000" },
      branches: { type: "string", default: "100" },
      runs: { type: "string", default: "200" },
      provider: { type: "string", default: "sqlite" },
    },
  });
  const [hosts, branches, runs] = [Number(values.hosts), Number(values.branches), Number(values.runs)];
  const provider = values.provider as TestProvider;
  if (provider !== "sqlite" && provider !== "postgresql") throw new Error("--provider is sqlite or postgresql");
  const t = await createTestDb(provider);
  try {
    installTestDb(t);
    const t0 = performance.now();
    await seed(t, hosts, branches);
    if (provider === "sqlite") await t.db.$executeRawUnsafe("ANALYZE");
    else await t.db.$executeRawUnsafe('ANALYZE "Host", "Guest"');
    const count = await t.db.host.count();
    console.log(
      `${count} hosts with guests in ${branches} branches on ${dbProvider(t.db)}, ` +
        `seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${runs} runs per query after 5 warm-up runs\n`,
    );
    console.log(
      `${"query".padEnd(24)} ${"q".padEnd(22)} ${"total".padStart(6)}  ${"best match".padEnd(18)}` +
        `${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"max ms".padStart(8)}  goal < ${GOAL_MS} ms`,
    );
    for (const [name, q] of queries(branches)) {
      const r = await time(q, runs);
      const best = r.matched ? `${r.matched.exact ? "exact" : "prefix"} ${r.matched.field}` : "-";
      const verdict = r.p95 < GOAL_MS ? `ok (${(GOAL_MS / r.p95).toFixed(0)}x under)` : "OVER THE GOAL";
      console.log(
        `${name.padEnd(24)} ${q.padEnd(22)} ${String(r.total).padStart(6)}  ${best.padEnd(18)}` +
          `${r.p50.toFixed(2).padStart(8)}${r.p95.toFixed(2).padStart(8)}${r.max.toFixed(2).padStart(8)}  ${verdict}`,
      );
    }
    const sample = fleetRow(Math.min(42, branches), 42);
    let scans = 0;
    for (const q of [sample.hostname, sample.guest.ip, sample.guest.mac, sample.linkLocalIp]) {
      const p = await plan(t, provider, q);
      console.log(`\nquery plan for q=${q} (${provider === "sqlite" ? "EXPLAIN QUERY PLAN" : "EXPLAIN"}):`);
      for (const line of p.lines) console.log(`  ${line}`);
      scans += p.scans.length;
      for (const s of p.scans) console.log(`  ^ a table scan: a field without a usable index (${s})`);
    }
    if (scans > 0) process.exitCode = 1;
  } finally {
    await t.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
