/**
 * The test tiers, named by what a test needs (STYLE.md, "Tests"). A file
 * declares its tier in its name, so `ls` shows what a test will touch:
 *
 *   x.test.ts         pure         no database, socket or process; reads its fixtures at most
 *   x.int.test.ts     integration  SQLite and PostgreSQL, a loopback sshd, dash/busybox runs
 *   x.kernel.test.ts  root         network namespaces and netfilter in the real kernel
 *   x.lab.test.ts     root         the branch lab: namespaces with real sshd (e2e/lab)
 *
 * Playwright (e2e/*.spec.ts) is the fourth tier. A tier that cannot run here
 * is skipped with a banner naming what did not run and why, never silently;
 * with CI set it fails instead. Imported by vitest.config.mts: relative
 * imports only (the config is bundled without the "@/" alias).
 */
import { readdirSync } from "node:fs";
import path from "node:path";

export type Tier = "pure" | "integration" | "root";

export const SOURCE_DIRS = ["lib", "app", "agents", "scripts", "prisma", "e2e/lab"] as const;
export const ROOT_SUFFIXES = [".kernel.test.ts", ".lab.test.ts"] as const;
export const INTEGRATION_SUFFIX = ".int.test.ts";

export const PG_URL_ENV = "BRANCHDESK_TEST_PG_URL";

type Env = Record<string, string | undefined>;

/** CI must run every tier: there a tier that cannot run fails instead of being skipped. */
export function isCi(env: Env = process.env): boolean {
  return !!env.CI && env.CI !== "false" && env.CI !== "0";
}

/** Why the root tier cannot run here, or null when it can. */
export function rootUnavailable(uid = process.getuid?.()): string | null {
  if (uid === 0) return null;
  return (
    `this process is not root (uid ${uid ?? "unknown"}): the tests create network namespaces, ` +
    "load netfilter rules and start sshd inside them"
  );
}

/** Why the PostgreSQL half of the integration tier cannot run here, or null when it can. */
export function postgresUnavailable(env: Env = process.env): string | null {
  if (env[PG_URL_ENV]) return null;
  return `${PG_URL_ENV} is not set (scripts/test.sh starts PostgreSQL on loopback and sets it)`;
}

/** Repo-relative paths of the test files under SOURCE_DIRS whose names end in one of `suffixes`. */
export function testFiles(root: string, suffixes: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const child = path.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (suffixes.some((s) => e.name.endsWith(s))) out.push(child);
    }
  };
  for (const d of SOURCE_DIRS) walk(d);
  return out.sort();
}

/** The loud part: a block no one scrolls past without seeing it. */
export function banner(lines: readonly string[]): string {
  const bar = "#".repeat(100);
  return ["", bar, ...lines.map((l) => `## ${l}`), bar, ""].join("\n");
}
