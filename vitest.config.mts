import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { INTEGRATION_SUFFIX, ROOT_SUFFIXES, rootUnavailable, SOURCE_DIRS } from "./lib/testing/tiers";

// Tiers by need (lib/testing/tiers.ts): a file's name says which one it is in.
const root = path.dirname(fileURLToPath(import.meta.url));
const alias = { "@": root };
const under = (suffixes: readonly string[]) => SOURCE_DIRS.flatMap((d) => suffixes.map((s) => `${d}/**/*${s}`));
const rootTests = under(ROOT_SUFFIXES);
const integrationTests = under([INTEGRATION_SUFFIX]);
const exclude = ["**/node_modules/**"];
const globalSetup = ["lib/testing/tier-setup.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "pure",
          include: under([".test.ts"]),
          exclude: [...exclude, ...rootTests, ...integrationTests],
          setupFiles: ["lib/testing/pure-setup.ts"],
          globalSetup,
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: integrationTests,
          exclude: [...exclude, ...rootTests],
          globalSetup,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "root",
          include: rootTests,
          exclude,
          // Not root: every root test is collected (a path filter still finds them) and reported
          // skipped by a name pattern that matches nothing, so no hook runs; tier-setup.ts says why.
          ...(rootUnavailable() ? { testNamePattern: "(?!)" } : {}),
          globalSetup,
          // Namespaces and sshds are real kernel state and CPU heavy on two
          // cores: one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
