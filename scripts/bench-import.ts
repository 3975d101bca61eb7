/**
 * `npm run bench:import -- [--hosts 10000] [--branches 100] [--provider sqlite]`
 *
 * Issue 11's goal: a bulk import of 10,000 hosts with guests previews and commits in under
 * 10 s on SQLite on this 2-core machine. Builds a CSV of N hosts with guests in B new branches
 * (each with a gateway; LANs in 198.18.0.0/15, link-local addresses in 169.254.0.0/16), then,
 * on a fresh database, times the preview (dry run), the commit, and the re-import of the same
 * file (nothing to change), as the API runs them (lib/server/import/import-fleet.ts), and prints
 * the database's size before and after. A benchmark, not a test: it prints, it never asserts.
 */
import { statSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { ZImportInput } from "../lib/domain/import/import-views";
import { importFleet } from "../lib/server/import/import-fleet";
import { createTestDb, installTestDb, type TestProvider } from "../lib/testing/temp-db";

const GOAL_MS = 10_000;
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const hex = (n: number) => n.toString(16).padStart(2, "0");

function benchCsv(hosts: number, branches: number): string {
  const perBranch = Math.ceil(hosts / branches);
  if (perBranch > 240 || branches > 512) throw new Error("at most 512 branches of 240 hosts (one /24 LAN each)");
  const lines = [
    "branch_code,branch_name,region,lan_cidr,gateway_hostname,gateway_ssh_address,gateway_lan_ifname,gateway_lan_ip," +
      "hostname,serial,nic_mac,link_local_ip,state,guest_name,guest_domain,guest_mac,guest_ip",
  ];
  for (let b = 1; b <= branches; b++) {
    const net = `198.${18 + (b >> 8)}.${b & 255}`;
    const branch = `BR-${pad(b, 4)},"Branch ${b}, main street",${b % 2 ? "North" : "South"},${net}.0/24`;
    const gateway = `gw-${pad(b, 4)},203.0.113.${(b % 250) + 1},eth1,${net}.1`;
    for (let h = 0; h < Math.min(perBranch, hosts - (b - 1) * perBranch); h++) {
      const id = `${pad(b, 4)}-${pad(h, 3)}`;
      const mac = `${hex(b >> 8)}:${hex(b & 255)}:${hex(h)}`;
      const host = `br-${id},SN-${id},02:00:00:${mac},169.254.${2 + (h >> 8)}.${(h & 255) + 1},active`;
      const guest = `WS-${id},win-${id},52:54:00:${mac},${net}.${10 + h}`;
      lines.push(`${branch},${gateway},${host},${guest}`);
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      hosts: { type: "string", default: "10000" },
      branches: { type: "string", default: "100" },
      provider: { type: "string", default: "sqlite" },
    },
  });
  const [hosts, branches] = [Number(values.hosts), Number(values.branches)];
  const provider = values.provider as TestProvider;
  const content = benchCsv(hosts, branches);
  console.log(
    `bench:import: ${hosts} hosts with guests in ${branches} branches (${provider}), CSV ${kib(content.length)}`,
  );
  const t = await createTestDb(provider);
  installTestDb(t);
  const admin = { userId: 1, username: "bench", role: "admin" as const };
  const size = () => (t.config.provider === "sqlite" ? sqliteSize(t.config.file) : "n/a (PostgreSQL)");
  try {
    console.log(`database before: ${size()}`);
    const run = async (label: string, dryRun: boolean) => {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await importFleet(admin, ZImportInput.parse({ format: "csv", content, dryRun }));
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpuBefore);
      const cpu = (used.user + used.system) / 1000;
      const c = result.counts;
      const counts = `hosts +${c.hosts.create} ~${c.hosts.update} =${c.hosts.unchanged}, guests +${c.guests.create}`;
      const times = `${ms.toFixed(0).padStart(6)} ms (CPU ${cpu.toFixed(0).padStart(6)} ms)`;
      console.log(`${label.padEnd(18)} ${times}  ${result.errors.length} errors, ${counts}: ${result.message}`);
      return { ms, cpu };
    };
    const preview = await run("preview (dry run)", true);
    const commit = await run("commit", false);
    await run("re-import (no-op)", false);
    const total = preview.ms + commit.ms;
    const cpu = preview.cpu + commit.cpu;
    const verdict = total < GOAL_MS ? "within" : "OVER";
    console.log(
      `preview + commit: ${total.toFixed(0)} ms wall, ${verdict} the ${GOAL_MS / 1000} s goal; ` +
        `${cpu.toFixed(0)} ms CPU (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores: ` +
        "wall time on a shared machine includes waiting for the others)",
    );
    const events = await t.db.auditEvent.count();
    console.log(`database after: ${size()} (${await t.db.host.count()} hosts, ${events} audit events)`);
  } finally {
    await t.drop();
  }
}

/** The database file plus its WAL: what a techie's disk holds. */
function sqliteSize(file: string): string {
  const bytes = [file, `${file}-wal`].reduce((sum, f) => {
    try {
      return sum + statSync(f).size;
    } catch {
      return sum;
    }
  }, 0);
  return kib(bytes);
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
