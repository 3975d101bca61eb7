import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "agents/**/*.test.ts", "scripts/**/*.test.ts", "e2e/lab/**/*.test.ts", "prisma/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Kernel round trips and the lab share global netfilter/namespace state per
    // namespace only, but two cores are all we have: keep files parallel-light.
    maxWorkers: 2,
  },
});
