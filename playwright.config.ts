import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run against a production build that something else started
 * (scripts/test.sh: next build, fresh database, npm start's server). They never start a
 * server themselves, so the same specs can run against any deployment.
 *
 * Env: E2E_BASE_URL (default http://127.0.0.1:3100), E2E_ADMIN_PASSWORD (the
 * BRANCHDESK_ADMIN_PASSWORD the server was first started with).
 */
export default defineConfig({
  testDir: "./e2e",
  // e2e/lab/ is the network lab's own code, not specs.
  testIgnore: ["lab/**"],
  testMatch: "*.spec.ts",
  // Specs share one database and one admin: run them one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // 2 cores and a cold production server: generous, because timings here are noisy.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's chromium: `npx playwright install` needs the internet.
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
});
