/**
 * Vitest globalSetup of every tier (vitest.config.mts): says, loudly, what
 * this tier does not run here and why, at the start and again at the end of
 * the run, where it is the last thing on the screen. With CI set it throws
 * instead: CI runs as root with PostgreSQL and must run everything.
 */
import type { TestProject } from "vitest/node";
import path from "node:path";
import { banner, isCi, postgresUnavailable, ROOT_SUFFIXES, rootUnavailable, testFiles, type Tier } from "./tiers";

const ROOT = path.resolve(__dirname, "../..");

function notRun(tier: Tier): string[] | null {
  if (tier === "root") {
    const why = rootUnavailable();
    if (!why) return null;
    const files = testFiles(ROOT, ROOT_SUFFIXES);
    return [
      `NOT RUN: the root tier, ${files.length} test files (namespaces, netfilter, the branch lab)`,
      `why: ${why}`,
      "to run them: as root (sudo npm test); CI runs as root",
      ...files.map((f) => `  not run: ${f}`),
    ];
  }
  if (tier === "integration") {
    const why = postgresUnavailable();
    if (!why) return null;
    return [
      "NOT RUN: the PostgreSQL half of the integration tier (every describeEachDb suite's [postgresql] run)",
      `why: ${why}`,
      "to run it: npm test (as root it starts PostgreSQL), or export " +
        "BRANCHDESK_TEST_PG_URL=postgresql://USER:PASS@127.0.0.1:5432/postgres",
      "the SQLite half ran; a schema or query that only PostgreSQL refuses was not checked",
    ];
  }
  return null;
}

export default function setup(project: TestProject): (() => void) | void {
  const lines = notRun(project.name as Tier);
  if (!lines) return;
  if (isCi()) {
    throw new Error(banner([`CI is set, and CI must run every tier: failing instead of skipping`, ...lines]));
  }
  console.warn(banner(lines));
  return () => console.warn(banner(lines));
}
