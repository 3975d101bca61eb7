/**
 * Stands in for the root tier's test files when this process is not root
 * (vitest.config.mts includes it instead of them): one skipped test per file
 * that did not run, so the summary counts them as skipped, never as passed.
 * The banner saying why is lib/testing/tier-setup.ts's.
 */
import path from "node:path";
import { describe, it } from "vitest";
import { ROOT_SUFFIXES, rootUnavailable, testFiles } from "./tiers";

const files = testFiles(path.resolve(__dirname, "../.."), ROOT_SUFFIXES);

describe(`root tier NOT RUN: ${rootUnavailable() ?? "(root after all: rerun)"}`, () => {
  for (const f of files) it.skip(f, () => undefined);
});
