import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { loadRouteFiles, router } from "../_testing/route-kit";

vi.mock("server-only", () => ({}));

describeEachDb("POST /api/v1/session under a parallel burst", (provider) => {
  let t: TestDb;
  let api: ReturnType<typeof router>;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    api = router(await loadRouteFiles());
  });
  afterAll(async () => t.drop());

  it("30 simultaneous wrong passwords for one user: 5 are checked (401), 25 are told to wait (429)", async () => {
    const { username } = await makeUser("admin", {}, t.db);
    const headers = { "x-forwarded-for": "203.0.113.90" };
    const burst = Array.from({ length: 30 }, (_, i) =>
      api("POST", "/api/v1/session", { body: { username, password: `guess number ${i}` }, headers }),
    );
    const answers = await Promise.all(burst);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    const waits = answers.filter((a) => a.status === 429);
    expect(waits).toHaveLength(25);
    const message = expect.stringMatching(/^too many failed sign-ins for .*: wait \d+ s before trying again/);
    expect(waits[0]!.json).toEqual({ error: { code: "rate_limited", message, fields: {} } });
    expect(answers.every((a) => a.headers.get("set-cookie") === null)).toBe(true);
  });
});
