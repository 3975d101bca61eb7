import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
const alias = { "@": root };
const everywhere = ["lib", "app", "agents", "scripts", "prisma", "e2e/lab"].map((d) => `${d}/**/*.test.ts`);
// Tests that build network namespaces or run sshd: real kernel state and CPU
// heavy on two cores, so they run one file at a time in their own project.
const labTests = ["**/*.kernel.test.ts", "**/*.lab.test.ts", "e2e/lab/**/*.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: everywhere,
          exclude: ["**/node_modules/**", ...labTests],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "lab",
          include: labTests,
          exclude: ["**/node_modules/**"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
