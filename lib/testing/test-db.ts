import { describe } from "vitest";
import { TEST_PROVIDERS, type TestProvider } from "./temp-db";

export * from "./temp-db";

/** Runs a suite once per provider, each on its own fresh database. */
export function describeEachDb(title: string, suite: (provider: TestProvider) => void): void {
  for (const provider of TEST_PROVIDERS) describe(`${title} [${provider}]`, () => suite(provider));
}
