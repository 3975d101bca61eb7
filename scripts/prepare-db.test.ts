import { describe, expect, it } from "vitest";
import { explainUrlWarning } from "./prepare-db";

// What Prisma 6.19's CLI prints at every run with a driver adapter (verbatim).
const PRISMA_OUTPUT =
  `Datasource "db": SQLite database "unused.db" using driver adapter "@prisma/adapter-better-sqlite3"

WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter ` +
  `via prisma.config.ts:
- url

The values from your schema will NOT be used!

We recommend you to remove those properties from your schema to avoid confusion if you are only using driver adapters.

4 migrations found in prisma/migrations
`;

describe("npm start's Prisma output", () => {
  it("replaces the unused-url warning with one line that says why the url is there", () => {
    const out = explainUrlWarning(PRISMA_OUTPUT);
    expect(out).not.toContain("WARNING");
    expect(out).toContain("placeholder the offline Prisma CLI needs");
    expect(out).toContain("4 migrations found");
  });

  it("leaves any other output alone", () => {
    expect(explainUrlWarning("Error: P3009 migrate found failed migrations\n")).toBe(
      "Error: P3009 migrate found failed migrations\n",
    );
  });
});
