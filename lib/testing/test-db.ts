import { describe } from "vitest";
import { TEST_PROVIDERS, type TestProvider } from "./temp-db";
import { isCi, postgresUnavailable } from "./tiers";

export * from "./temp-db";

/**
 * Runs a suite once per provider, each on its own fresh database. Without
 * BRANCHDESK_TEST_PG_URL the PostgreSQL run is skipped under a title saying so
 * (and the integration tier's banner, lib/testing/tier-setup.ts); with CI set
 * it runs and fails.
 */
export function describeEachDb(title: string, suite: (provider: TestProvider) => void): void {
  for (const provider of TEST_PROVIDERS) {
    const why = provider === "postgresql" && !isCi() ? postgresUnavailable() : null;
    if (why) describe.skip(`${title} [${provider}] NOT RUN: ${why}`, () => suite(provider));
    else describe(`${title} [${provider}]`, () => suite(provider));
  }
}
